/* Unit tests of the editor's key table: the README's key table and the
 * table agree (every key the README names is bound; every key the F1 key
 * list explains is in the README), rows of one key run one function, and
 * the F1 key list is whole and in order. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ed.h"
#include "key.h"
#include "sbuf.h"
#include "xalloc.h"
#include "../tap.h"

/* Where the README's keys work: on the rows or in an edit. */
#define TOP_OR_EDIT                                                            \
	(ED_IN_TOP | ED_IN_ADD | ED_IN_BLOCK | ED_IN_CHOICE | ED_IN_CHECK |    \
	 ED_IN_ITEM | ED_IN_EDIT)

/* The key a README key name stands for (its first key, and the last of a
 * range in *last); HK_NONE when the name is unknown. Pasting is no key:
 * HK_PASTE_START. */
static uint32_t
readme_key(const char *name, uint32_t *last)
{
	static const struct {
		const char *name;
		uint32_t key, last;
	} names[] = {
	        {"Tab", HK_TAB, 0},
	        {"Shift-Tab", HK_BTAB, 0},
	        {"↑", HK_UP, 0},
	        {"↓", HK_DOWN, 0},
	        {"PgUp", HK_PGUP, 0},
	        {"PgDn", HK_PGDN, 0},
	        {"文字を入力", ED_KEY_TEXT, 0},
	        {"Enter", HK_ENTER, 0},
	        {"Esc", HK_ESC, 0},
	        {"1〜9", '1', '9'},
	        {"Space", HK_SPACE, 0},
	        {"貼り付け", HK_PASTE_START, 0},
	        {"Delete", HK_DEL, 0},
	};

	*last = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0) {
			*last = names[i].last;
			return names[i].key;
		}
	if (strncmp(name, "Ctrl-", 5) == 0 && name[5] >= 'A' &&
	    name[5] <= 'Z' && name[6] == '\0')
		return (uint32_t)HK_CTRL(name[5] - 'A' + 'a');
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9' &&
	    name[2] == '\0')
		return (uint32_t)HK_F(name[1] - '0');
	return HK_NONE;
}

/* The key names of the first column of the README's key table (キー操作),
 * one per line. Caller frees. */
static char *
readme_keys(const char *path, int *rows)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	bool in = false;
	struct sbuf sb;

	sbuf_init(&sb);
	*rows = 0;
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		char *cell, *end, *save = NULL;

		if (strncmp(line, "### ", 4) == 0)
			in = strstr(line, "キー操作") != NULL;
		if (!in || line[0] != '|' || strncmp(line, "|---", 4) == 0 ||
		    strncmp(line, "| キー |", strlen("| キー |")) == 0)
			continue;
		cell = line + 1;
		end = strchr(cell, '|');
		if (end == NULL)
			continue;
		*end = '\0';
		(*rows)++;
		/* "Tab / Shift-Tab、↑ / ↓": names between / and 、. */
		for (char *p = strstr(cell, "、"); p; p = strstr(p, "、"))
			memcpy(p, "  /", 3);
		for (char *w = strtok_r(cell, "/", &save); w != NULL;
		     w = strtok_r(NULL, "/", &save)) {
			while (*w == ' ')
				w++;
			end = w + strlen(w);
			while (end > w && end[-1] == ' ')
				*--end = '\0';
			if (*w != '\0')
				sbuf_addf(&sb, "%s\n", w);
		}
	}
	if (fp != NULL)
		fclose(fp);
	return sbuf_detach(&sb);
}

/* Tell whether a binding at top level or in an edit has key. */
static bool
bound(uint32_t key)
{
	size_t n;
	const struct ed_binding *b = ed_bindings(&n);

	for (size_t i = 0; i < n; i++)
		if ((b[i].where & TOP_OR_EDIT) != 0 && b[i].run != NULL &&
		    (b[i].key == key ||
		     (b[i].last != 0 && key >= b[i].key && key <= b[i].last)))
			return true;
	return false;
}

/* Tell whether the README names key (one line of names). */
static bool
in_readme(const char *names, uint32_t key)
{
	char *copy = xstrdup(names), *save = NULL;
	bool found = false;

	for (char *w = strtok_r(copy, "\n", &save); w != NULL && !found;
	     w = strtok_r(NULL, "\n", &save)) {
		uint32_t last, k = readme_key(w, &last);

		found = k == key || (last != 0 && key >= k && key <= last);
	}
	free(copy);
	return found;
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	char *readme = xasprintf("%s/README.md", top ? top : "..");
	char *names, *copy, *save = NULL, *help;
	size_t n;
	const struct ed_binding *b = ed_bindings(&n);
	int rows, npos = 0;
	bool ok_names = true, ok_bound = true, ok_doc = true, ok_same = true;

	setlocale(LC_ALL, "C.UTF-8");
	names = readme_keys(readme, &rows);
	ok(rows >= 15, "the README's key table has its rows (%d)", rows);

	/* Every key the README names exists and is bound. */
	copy = xstrdup(names);
	for (char *w = strtok_r(copy, "\n", &save); w != NULL;
	     w = strtok_r(NULL, "\n", &save)) {
		uint32_t last, k = readme_key(w, &last);

		if (k == HK_NONE) {
			diag("the README names an unknown key \"%s\"", w);
			ok_names = false;
		} else if (k != HK_PASTE_START && !bound(k)) {
			diag("the README names \"%s\", which is not bound", w);
			ok_bound = false;
		}
	}
	free(copy);
	ok(ok_names, "every name in the README's key table is a key");
	ok(ok_bound, "every key in the README's key table is bound");

	/* Every key the F1 key list explains is in the README. */
	for (size_t i = 0; i < n; i++) {
		if (b[i].help_pos == 0)
			continue;
		npos++;
		if (!in_readme(names, b[i].key) ||
		    (b[i].last != 0 && !in_readme(names, b[i].last))) {
			diag("\"%s\" is not in the README's key table",
			     b[i].help);
			ok_doc = false;
		}
	}
	ok(ok_doc, "every key the F1 key list explains is in the README");

	/* Rows of one key in one place run one function. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (b[i].key == b[j].key && b[i].last == b[j].last &&
			    (b[i].where & b[j].where) != 0 &&
			    b[i].run != b[j].run) {
				diag("rows %zu and %zu of key 0x%X differ", i,
				     j, (unsigned)b[i].key);
				ok_same = false;
			}
	ok(ok_same, "rows of one key in one place run one function");

	/* The F1 key list: places 1..N once each, in order. */
	{
		bool once = true;

		for (int pos = 1; pos <= npos; pos++) {
			int k = 0;

			for (size_t i = 0; i < n; i++)
				k += b[i].help_pos == pos;
			once &= k == 1;
		}
		ok(once, "the F1 key list has places 1 to %d, each once", npos);
	}
	help = ed_key_help();
	is_str(help,
	       "Keys:\n"
	       "Tab/Shift-Tab or ↑↓ move between items\n"
	       "PgUp/PgDn between chapters\n"
	       "typing edits a text (a date or number is replaced)\n"
	       "Enter ends a one-line edit or opens the options\n"
	       "1-9 choose an option\n"
	       "Space or the box's digit checks a box\n"
	       "Esc ends an edit\n"
	       "Ctrl-N next item to fill in\n"
	       "Ctrl-F find\n"
	       "Ctrl-Z undo\n"
	       "Ctrl-Y redo\n"
	       "Ctrl-E external editor\n"
	       "Ctrl-S save\n"
	       "Ctrl-Q quit\n"
	       "F2 problem list\n"
	       "F3 fills in the offered answer\n"
	       "F4 accept a warning with a reason (on an imported value to confirm: confirm it)\n"
	       "F5 full check\n"
	       "on a block: Delete removes, Ctrl-U/Ctrl-D move it\n"
	       "Ctrl-P export beside the file (HTML for printing, Excel, text or CSV)\n"
	       "F8 the changes since the last published version (別添2)",
	       "the F1 key list in order, one key a line");
	free(help);
	free(names);
	free(readme);
	return done_testing();
}
