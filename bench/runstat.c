/* runstat: run one command and report what it cost.
 *
 *   runstat STATS COMMAND [ARG]...
 *
 * Forks, execs COMMAND, waits for it with wait4 and writes one line to the
 * file STATS:
 *
 *   WALL_SECONDS CPU_SECONDS MAXRSS_BYTES STATUS
 *
 * CPU is user + system time of the command alone; wall is measured around
 * fork and wait with CLOCK_MONOTONIC; STATUS is the exit status, or -N when
 * signal N killed it. runstat itself exits 0 when it could run the command.
 *
 * Why not measure from Python: Linux carries the peak RSS of the process
 * image that exec replaces into the new program's ru_maxrss, so a child
 * spawned from a Python interpreter reports at least the interpreter's
 * size. This program is small, so the figure is the command's own.
 *
 * Build: cc -O2 -o runstat runstat.c */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, code;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: runstat STATS COMMAND [ARG]...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runstat: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	code = WIFEXITED(status) ? WEXITSTATUS(status)
				 : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
	out = fopen(argv[1], "w");
	if (out == NULL) {
		perror(argv[1]);
		return 2;
	}
	fprintf(out, "%.9f %.9f %ld %d\n",
		(double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
			(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
		ru.ru_maxrss * 1024L, code);
	return fclose(out) == 0 ? 0 : 2;
}
