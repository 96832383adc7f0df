#ifndef CSAFEIO_H
#define CSAFEIO_H

/* prctl(2) is not in Swift's Glibc module. */
/* Makes the process not dumpable: no core file, no ptrace or /proc/PID/mem by the same user. */
int ccass_set_not_dumpable(void);
/* 1 when the process is dumpable. */
int ccass_is_dumpable(void);

#endif
