/* bench/measure: runs a command RUNS times and prints its median wall-clock time in
 * milliseconds and its peak resident set size in KiB (the largest of the runs).
 *
 *   measure RUNS [STDIN-FILE|-] -- COMMAND [ARGUMENTS...]
 *
 * Each run is a fork and exec from this small process, so the child's peak RSS (wait4's
 * ru_maxrss) is the command's own and not inherited from a large parent such as Python.
 * Standard output goes to /dev/null; a run that exits non-zero stops the measurement. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fprintf(stderr, "usage: measure RUNS STDIN-FILE|- -- COMMAND [ARGUMENTS...]\n");
        return 64;
    }
    int runs = atoi(argv[1]);
    const char *input = argv[2];
    if (runs < 1) runs = 1;
    double *times = calloc((size_t)runs, sizeof *times);
    long peak = 0;
    for (int i = 0; i < runs; i++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        pid_t pid = fork();
        if (pid == 0) {
            int in = open(strcmp(input, "-") == 0 ? "/dev/null" : input, O_RDONLY);
            int out = open("/dev/null", O_WRONLY);
            dup2(in, 0);
            dup2(out, 1);
            execvp(argv[4], argv + 4);
            _exit(127);
        }
        int status;
        struct rusage usage;
        wait4(pid, &status, 0, &usage);
        clock_gettime(CLOCK_MONOTONIC, &end);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "measure: %s failed (status %d)\n", argv[4], status);
            return 1;
        }
        times[i] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
        if (usage.ru_maxrss > peak) peak = usage.ru_maxrss;
    }
    qsort(times, (size_t)runs, sizeof *times, compare);
    printf("%.4f %ld\n", times[runs / 2], peak);
    return 0;
}
