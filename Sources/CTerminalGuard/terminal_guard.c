#include "terminal_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t saved_valid = 0;
static volatile sig_atomic_t stop_signal = 0;
static int wake_pipe[2] = { -1, -1 };
static char crash_directory[4096];
static volatile sig_atomic_t crash_directory_set = 0;

void ccass_guard_save(void) {
    if (tcgetattr(STDIN_FILENO, &saved) == 0) saved_valid = 1;
}

void ccass_guard_restore(void) {
    /* Normal attributes, leave the alternate screen, show the cursor, normal keypad. */
    static const char reset[] = "\033[0m\033[?1049l\033[?25h\033[?1l\033>";
    if (saved_valid) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
    (void)ignored;
}

void ccass_guard_remove_on_crash(const char *directory) {
    crash_directory_set = 0;
    if (directory == NULL || strlen(directory) >= sizeof crash_directory) return;
    strcpy(crash_directory, directory);
    crash_directory_set = 1;
}

/* Removes the registered working copy: its files have known names (the store, its journal,
   WAL and shared-memory files, the key), so only unlink and rmdir are needed, both
   async-signal-safe. Another thread may still be writing the copy when the signal comes (the
   copy is made right after the first frame): unlink and rmdir again, a millisecond apart, until
   the directory is gone (nothing can be created in it after that), for at most 100 ms. */
static void remove_crash_directory(void) {
    if (!crash_directory_set) return;
    static const char *names[] = { "ccass.sqlite", "ccass.sqlite-journal", "ccass.sqlite-wal", "ccass.sqlite-shm", "store.key", NULL };
    char path[4200];
    struct timespec pause = { 0, 1000000 };
    for (int attempt = 0; attempt < 100; attempt++) {
        for (int i = 0; names[i] != NULL; i++) {
            size_t n = strlen(crash_directory);
            memcpy(path, crash_directory, n);
            path[n] = '/';
            strcpy(path + n + 1, names[i]);
            unlink(path);
        }
        if (rmdir(crash_directory) == 0 || errno == ENOENT) return;
        nanosleep(&pause, NULL);
    }
}

static void crash_handler(int sig) {
    ccass_guard_restore();
    remove_crash_directory();
    static const char note[] = "\r\nccass-terminal stopped on an internal error; the terminal was restored.\r\n";
    ssize_t ignored = write(STDERR_FILENO, note, sizeof(note) - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void stop_handler(int sig) {
    stop_signal = sig;
    ccass_guard_wake();
}

int ccass_guard_take_stop_signal(void) {
    int sig = stop_signal;
    stop_signal = 0;
    return sig;
}

static void open_wake_pipe(void) {
    if (wake_pipe[0] >= 0) return;
    if (pipe(wake_pipe) != 0) return;
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
    }
}

void ccass_guard_wake(void) {
    if (wake_pipe[1] < 0) return;
    int saved_errno = errno;
    char byte = 1;
    ssize_t ignored = write(wake_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved_errno;
}

int ccass_guard_wait(int fd, int timeout_ms) {
    open_wake_pipe();
    struct pollfd fds[2] = { { fd, POLLIN, 0 }, { wake_pipe[0], POLLIN, 0 } };
    int ready = poll(fds, wake_pipe[0] >= 0 ? 2 : 1, timeout_ms);
    if (ready > 0 && (fds[1].revents & POLLIN)) {
        char drain[64];
        while (read(wake_pipe[0], drain, sizeof drain) > 0) {}
    }
    return ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0;
}

void ccass_guard_install(void) {
    open_wake_pipe();
    struct sigaction crash, stop;
    memset(&crash, 0, sizeof crash);
    memset(&stop, 0, sizeof stop);
    crash.sa_handler = crash_handler;
    crash.sa_flags = SA_RESETHAND;
    sigemptyset(&crash.sa_mask);
    stop.sa_handler = stop_handler;
    sigemptyset(&stop.sa_mask);
    int crashes[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) sigaction(crashes[i], &crash, NULL);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
}
