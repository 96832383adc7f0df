/* Fault injection for tests, loaded with LD_PRELOAD into a process under test.

   CCASS_FAULT_PATH     only calls on files under this directory count (required)
   CCASS_FAULT_CALL     write (write, pwrite, pwrite64, writev), fsync (fsync, fdatasync) or
                        open (open, open64, openat, openat64, creat for writing or creating)
   CCASS_FAULT_ERRNO    ENOSPC, EIO, EROFS or EDQUOT
   CCASS_FAULT_AT       the matching call to fail, counted from 1 (0 or unset: none)
   CCASS_FAULT_PERSIST  1: every matching call from the Nth on fails (a full disk), else only it
   CCASS_FAULT_COUNT    a file the number of matching calls is written to at exit
   CCASS_FAULT_TRACE    1: each matching call is written to stderr (number, call, file, result)

   SQLite and Foundation reach these through libc's dynamic symbols, which LD_PRELOAD
   interposes; the real calls are found with dlsym(RTLD_NEXT). */
#define _GNU_SOURCE
#include "fault_shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

enum kind { KIND_NONE, KIND_WRITE, KIND_FSYNC, KIND_OPEN };

static int configured = 0;
static const char *prefix = NULL;
static size_t prefix_length = 0;
static enum kind watched = KIND_NONE;
static int fault_errno = EIO;
static long fail_at = 0;
static int persist = 0;
static long matched = 0;

static void configure(void) {
    if (configured) return;
    configured = 1;
    prefix = getenv("CCASS_FAULT_PATH");
    prefix_length = prefix ? strlen(prefix) : 0;
    const char *call = getenv("CCASS_FAULT_CALL");
    if (call && strcmp(call, "write") == 0) watched = KIND_WRITE;
    else if (call && strcmp(call, "fsync") == 0) watched = KIND_FSYNC;
    else if (call && strcmp(call, "open") == 0) watched = KIND_OPEN;
    const char *number = getenv("CCASS_FAULT_ERRNO");
    if (number && strcmp(number, "ENOSPC") == 0) fault_errno = ENOSPC;
    else if (number && strcmp(number, "EROFS") == 0) fault_errno = EROFS;
    else if (number && strcmp(number, "EDQUOT") == 0) fault_errno = EDQUOT;
    const char *at = getenv("CCASS_FAULT_AT");
    fail_at = at ? atol(at) : 0;
    const char *p = getenv("CCASS_FAULT_PERSIST");
    persist = p && strcmp(p, "1") == 0;
}

static int opens_for_writing(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

static int under_prefix(const char *path) {
    return prefix_length > 0 && path && strncmp(path, prefix, prefix_length) == 0;
}

static int fd_under_prefix(int fd) {
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return 0;
    target[n] = 0;
    return under_prefix(target);
}

static void trace(const char *call, const char *what, int failed) {
    const char *on = getenv("CCASS_FAULT_TRACE");
    if (!on || strcmp(on, "1") != 0) return;
    char line[4400];
    int length = snprintf(line, sizeof line, "fault-shim: %ld %s %s%s\n", matched, call, what, failed ? " FAILED" : "");
    if (length > 0) syscall(SYS_write, 2, line, (size_t)(length < (int)sizeof line ? length : (int)sizeof line - 1));
}

static const char *fd_path(int fd, char *target, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, size - 1);
    target[n > 0 ? n : 0] = 0;
    return target;
}

/* Counts a matching call; returns 1 when this one must fail (errno set). */
static int should_fail_named(enum kind kind, int matches, const char *call, const char *what) {
    configure();
    if (kind != watched || !matches) return 0;
    matched++;
    int failing = fail_at > 0 && (matched == fail_at || (persist && matched > fail_at));
    trace(call, what, failing);
    if (failing) {
        errno = fault_errno;
        return 1;
    }
    return 0;
}

#define should_fail_fd(kind, fd, call) \
    (configure(), watched == kind && fd_under_prefix(fd) && should_fail_named(kind, 1, call, fd_path(fd, target, sizeof target)))
#define should_fail_path(kind, flags, path, call) \
    (configure(), watched == kind && opens_for_writing(flags) && under_prefix(path) && should_fail_named(kind, 1, call, path))

__attribute__((destructor)) static void write_count(void) {
    const char *file = getenv("CCASS_FAULT_COUNT");
    if (!file) return;
    char text[32];
    int length = snprintf(text, sizeof text, "%ld\n", matched);
    int fd = (int)syscall(SYS_openat, AT_FDCWD, file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    syscall(SYS_write, fd, text, (size_t)length);
    syscall(SYS_close, fd);
}

#define REAL(name) static __typeof__(&name) real = NULL; if (!real) real = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buffer, size_t count) {
    REAL(write);
    char target[4096];
    if (should_fail_fd(KIND_WRITE, fd, __func__)) return -1;
    return real(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    REAL(pwrite);
    char target[4096];
    if (should_fail_fd(KIND_WRITE, fd, __func__)) return -1;
    return real(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off_t offset) {
    REAL(pwrite64);
    char target[4096];
    if (should_fail_fd(KIND_WRITE, fd, __func__)) return -1;
    return real(fd, buffer, count, offset);
}

ssize_t writev(int fd, const struct iovec *vector, int count) {
    REAL(writev);
    char target[4096];
    if (should_fail_fd(KIND_WRITE, fd, __func__)) return -1;
    return real(fd, vector, count);
}

int fsync(int fd) {
    REAL(fsync);
    char target[4096];
    if (should_fail_fd(KIND_FSYNC, fd, __func__)) return -1;
    return real(fd);
}

int fdatasync(int fd) {
    REAL(fdatasync);
    char target[4096];
    if (should_fail_fd(KIND_FSYNC, fd, __func__)) return -1;
    return real(fd);
}


static mode_t mode_argument(int flags, va_list arguments) {
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(arguments, int) : 0;
}

int open(const char *path, int flags, ...) {
    REAL(open);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = mode_argument(flags, arguments);
    va_end(arguments);
    if (should_fail_path(KIND_OPEN, flags, path, __func__)) return -1;
    return real(path, flags, mode);
}

int open64(const char *path, int flags, ...) {
    REAL(open64);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = mode_argument(flags, arguments);
    va_end(arguments);
    if (should_fail_path(KIND_OPEN, flags, path, __func__)) return -1;
    return real(path, flags, mode);
}

int openat(int directory, const char *path, int flags, ...) {
    REAL(openat);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = mode_argument(flags, arguments);
    va_end(arguments);
    if (should_fail_path(KIND_OPEN, flags, path, __func__)) return -1;
    return real(directory, path, flags, mode);
}

int openat64(int directory, const char *path, int flags, ...) {
    REAL(openat64);
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = mode_argument(flags, arguments);
    va_end(arguments);
    if (should_fail_path(KIND_OPEN, flags, path, __func__)) return -1;
    return real(directory, path, flags, mode);
}
