/* Unit tests of growable strings and diagnostics. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sbuf.h"
#include "../tap.h"

int
main(void)
{
	struct sbuf sb;
	struct diag_list dl;
	char *s;

	sbuf_init(&sb);
	is_str(sb.buf, "", "a new buffer is empty");
	for (int i = 0; i < 1000; i++)
		sbuf_adds(&sb, "日本");
	is_int((int)sb.len, 6000, "1000 appends of 6 bytes");
	sbuf_reset(&sb);
	sbuf_addf(&sb, "%s-%d", "委託事項", 20);
	is_str(sb.buf, "委託事項-20", "formatted append");
	{
		struct sbuf big;

		sbuf_init(&big);
		sbuf_addf(&big, "%s-%0200d|%s", "委託", 7, "末尾");
		ok(big.len == 6 + 1 + 200 + 1 + 6 &&
		           strcmp(big.buf + big.len - 8, "7|末尾") == 0,
		   "a formatted append longer than the room grows the "
		   "buffer");
		sbuf_fini(&big);
	}
	sbuf_addc(&sb, '!');
	s = sbuf_detach(&sb);
	is_str(s, "委託事項-20!", "detach hands over the string");
	ok(sb.buf == NULL, "a detached buffer holds nothing");
	free(s);
	sbuf_fini(&sb);

	diag_list_init(&dl);
	diag_add(&dl, DIAG_WARNING, "b.yaml", 3, 1, "w");
	diag_add(&dl, DIAG_ERROR, "a.yaml", 9, 2, "e%d", 1);
	diag_add(&dl, DIAG_ERROR, "a.yaml", 2, 5, "e2");
	diag_set_ref(&dl.v[2], "I-1-①", "R1", "basic.task.name");
	is_int((int)diag_count(&dl, DIAG_ERROR), 2, "two errors");
	dl.v[0].accepted = 1;
	is_int((int)diag_count(&dl, DIAG_WARNING), 0,
	       "an accepted warning is not counted");
	diag_sort(&dl);
	is_str(dl.v[0].msg, "e2", "sorted by file then line");
	is_str(dl.v[2].file, "b.yaml", "the other file last");
	{
		char *line;
		size_t len;
		FILE *mem = open_memstream(&line, &len);

		diag_print(mem, &dl.v[0]);
		fclose(mem);
		is_str(line, "a.yaml:2:5: error: I-1-①: e2 [R1]\n",
		       "printed format");
		free(line);
		dl.v[0].msg[0] = '\x1b';
		line = diag_format(&dl.v[0]);
		is_str(line, "a.yaml:2:5: error: I-1-①: \\e2 [R1]\n",
		       "formatted: an escape sequence shown, never sent");
		free(line);
	}
	diag_list_fini(&dl);
	return done_testing();
}
