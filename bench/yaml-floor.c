/* yaml-floor: the cost floor for hyoka's benchmarks, libyaml only.
 *
 *   yaml-floor parse FILE        read FILE and parse it into events
 *   yaml-floor emit FILE OUT     parse FILE and emit the same events to OUT
 *
 * Both read the whole file into memory and parse it from the string, as
 * hyoka does (src/yaml/ytree.c). `emit` uses hyoka's emitter settings
 * (src/doc/docio.c: unicode, no line width, indent 2, LF) into a memory buffer,
 * then saves it the way hyoka saves (src/base/fsave.c, minus the backup link):
 * write OUT.tmp, fsync, rename over OUT, fsync the directory. Nothing else:
 * no tree, no form, no checks. That is the least work any program must do
 * to read (and write back) the same file with libyaml.
 *
 * Build: cc -O2 -o yaml-floor yaml-floor.c -lyaml
 * Exit status: 0 success, 1 the file is not YAML libyaml accepts, 2 usage
 * or I/O error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static int
buf_write(void *data, unsigned char *s, size_t n)
{
	struct buf *b = data;

	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;

		while (cap < b->len + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (b->p == NULL)
			return 0;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 1;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	unsigned char chunk[65536];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "yaml-floor: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!buf_write(&b, chunk, n)) {
			fprintf(stderr, "yaml-floor: out of memory\n");
			exit(2);
		}
	fclose(f);
	*len = b.len;
	return b.p;
}

/* Write data to path as hyoka does: temporary file, fsync, rename, fsync
 * of the directory. */
static void
save(const char *path, const unsigned char *data, size_t len)
{
	size_t pl = strlen(path);
	char *tmp = malloc(pl + 5), *dcopy = strdup(path);
	int fd, dfd;
	const unsigned char *p = data;

	memcpy(tmp, path, pl);
	memcpy(tmp + pl, ".tmp", 5);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "yaml-floor: %s: %s\n", tmp, strerror(errno));
		exit(2);
	}
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "yaml-floor: %s: %s\n", tmp, strerror(errno));
			exit(2);
		}
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "yaml-floor: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dcopy);
}

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_emitter_t emitter;
	yaml_event_t ev;
	struct buf out = {0};
	unsigned char *text;
	size_t len, nevents = 0;
	int emit, done = 0;

	if (argc == 3 && strcmp(argv[1], "parse") == 0)
		emit = 0;
	else if (argc == 4 && strcmp(argv[1], "emit") == 0)
		emit = 1;
	else {
		fprintf(stderr, "usage: yaml-floor parse FILE\n"
				"       yaml-floor emit FILE OUT\n");
		return 2;
	}
	text = slurp(argv[2], &len);
	if (!yaml_parser_initialize(&parser))
		return 2;
	yaml_parser_set_input_string(&parser, text, len);
	if (emit) {
		if (!yaml_emitter_initialize(&emitter))
			return 2;
		yaml_emitter_set_output(&emitter, buf_write, &out);
		yaml_emitter_set_unicode(&emitter, 1);
		yaml_emitter_set_width(&emitter, -1);
		yaml_emitter_set_indent(&emitter, 2);
		yaml_emitter_set_break(&emitter, YAML_LN_BREAK);
	}
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "yaml-floor: %s:%zu:%zu: %s\n", argv[2],
				parser.problem_mark.line + 1,
				parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "parse error");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		nevents++;
		if (emit) {
			/* yaml_emitter_emit takes the event and frees it. */
			if (!yaml_emitter_emit(&emitter, &ev)) {
				fprintf(stderr, "yaml-floor: emit: %s\n",
					emitter.problem ? emitter.problem : "error");
				return 1;
			}
		} else {
			yaml_event_delete(&ev);
		}
	}
	yaml_parser_delete(&parser);
	if (emit) {
		yaml_emitter_flush(&emitter);
		yaml_emitter_delete(&emitter);
		save(argv[3], out.p, out.len);
		free(out.p);
	}
	free(text);
	if (getenv("YAML_FLOOR_VERBOSE") != NULL)
		fprintf(stderr, "yaml-floor: %zu events\n", nevents);
	return 0;
}
