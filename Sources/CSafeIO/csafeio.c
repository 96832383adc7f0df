#include "csafeio.h"

#include <sys/prctl.h>

int ccass_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

int ccass_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
