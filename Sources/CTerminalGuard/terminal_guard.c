#include "terminal_guard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t saved_valid = 0;
static volatile sig_atomic_t stop_signal = 0;

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

static void crash_handler(int sig) {
    ccass_guard_restore();
    static const char note[] = "\r\nccass-terminal stopped on an internal error; the terminal was restored.\r\n";
    ssize_t ignored = write(STDERR_FILENO, note, sizeof(note) - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void stop_handler(int sig) { stop_signal = sig; }

int ccass_guard_take_stop_signal(void) {
    int sig = stop_signal;
    stop_signal = 0;
    return sig;
}

void ccass_guard_install(void) {
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
