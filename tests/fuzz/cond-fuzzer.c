/* Fuzz target: the condition language, through the form loader.
 *
 * The input is one condition. It becomes the `show:` of the item
 * files.*.target of a small fixed form (items of every type, a repeat
 * with a nested repeat), written as a YAML single-quoted scalar with ''
 * doubling; inputs with a line break, a NUL byte, a control character or
 * invalid UTF-8 are rejected (they test YAML, not conditions).
 *
 * Invariants checked after every input:
 * - a refused form produced at least one error with a line and column;
 * - a loaded form has the condition as target's show, of type true/false,
 *   reading only nodes of the form;
 * - doc_visible, doc_required and doc_group_visible run for every node of
 *   every instance of an empty and of a filled document, and give the same
 *   answer when asked twice; check_doc runs on both; a node whose group is
 *   hidden is hidden;
 * - both documents satisfy the save-reload fixpoint. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "sbuf.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The form; "@@" is replaced by the quoted condition. */
static const char form_head[] =
        "form: c\n"
        "title: 条件\n"
        "versions:\n"
        "  - {id: V1, label: 旧}\n"
        "  - {id: V2, label: 新}\n"
        "default_version: V2\n"
        "items:\n"
        "  - key: top\n"
        "    kind: group\n"
        "    title: 表紙\n"
        "    items:\n"
        "      - {key: name, type: line, label: 名前}\n"
        "      - {key: body, type: text, label: 本文, required: false}\n"
        "      - {key: day, type: date, label: 日付}\n"
        "      - {key: ym, type: date, label: 年月, month_allowed: true, "
        "required: false}\n"
        "      - {key: num, type: number, label: 番号}\n"
        "      - {key: cnt, type: count, label: 件数}\n"
        "      - {key: ok, type: flag, label: 確認}\n"
        "      - {key: old, type: line, label: 旧だけ, versions: [V1]}\n"
        "      - {key: pick, type: choice, label: 選択, options: [はい, "
        "いいえ, \"1\"]}\n"
        "      - key: marks\n"
        "        type: multi\n"
        "        label: 印\n"
        "        members:\n"
        "          - {label: 甲}\n"
        "          - {label: 乙}\n"
        "          - {label: なし, exclusive: true}\n"
        "      - {key: other, type: line, label: その他, companion_of: marks, "
        "member: 乙}\n"
        "      - key: rows\n"
        "        type: table\n"
        "        label: 表\n"
        "        max_rows: 3\n"
        "        required: false\n"
        "        columns: [{key: a, label: A}, {key: b, label: B}]\n"
        "  - key: files\n"
        "    kind: repeat\n"
        "    title: ファイル\n"
        "    label: ファイル*\n"
        "    max: 3\n"
        "    min: 1\n"
        "    items:\n"
        "      - {key: has, type: choice, label: 有無, options: [する, "
        "しない]}\n"
        "      - {key: count, type: count, label: 件数, required: 'has == "
        "\"する\"'}\n"
        "      - key: subs\n"
        "        kind: repeat\n"
        "        label: 委託*\n"
        "        max: 2\n"
        "        items:\n"
        "          - {key: sub, type: choice, label: 再委託, options: [する, "
        "しない]}\n"
        "          - {key: how, type: text, label: 方法}\n"
        "      - key: target\n"
        "        type: line\n"
        "        label: 対象\n"
        "        show: '";
static const char form_tail[] =
        "'\n"
        "      - {key: after, type: flag, label: 後, show: 'filled(target)'}\n"
        "  - key: tail\n"
        "    kind: group\n"
        "    title: 末尾\n"
        "    show: 'count(files) > 0'\n"
        "    items:\n"
        "      - {key: note, type: text, label: 注記, required: false}\n"
        "checks:\n"
        "  - id: R1\n"
        "    severity: warning\n"
        "    scope: files.*\n"
        "    at: target\n"
        "    when: 'filled(target) && has == \"しない\"'\n"
        "    message: 対象\n";

/* A filled document for the form. */
static const char filled_doc[] = "hyoka: 1\n"
                                 "form: c\n"
                                 "form_version: V2\n"
                                 "top:\n"
                                 "  name: みどり市\n"
                                 "  body: |\n"
                                 "    一行目\n"
                                 "  day: 令和6年5月24日\n"
                                 "  ym: 平成27年10月\n"
                                 "  num: 9\n"
                                 "  cnt: 3\n"
                                 "  ok: true\n"
                                 "  pick: はい\n"
                                 "  marks: [甲, 乙]\n"
                                 "  other: ほか\n"
                                 "  rows:\n"
                                 "  - {a: x, b: y}\n"
                                 "files:\n"
                                 "- has: する\n"
                                 "  count: 2\n"
                                 "  subs:\n"
                                 "  - sub: する\n"
                                 "    how: 書面\n"
                                 "  - sub: しない\n"
                                 "  target: 住民\n"
                                 "  after: true\n"
                                 "- has: しない\n"
                                 "- {}\n"
                                 "tail:\n"
                                 "  note: 注\n";

static struct doc *filled(const struct fdef *fd);

/* Check visibility answers for every node of every instance of g. */
static void
visit_group(const struct doc *d, const struct doc_group *g, bool group_shown)
{
	bool shown = doc_group_visible(d, g);

	FUZZ_CHECK(shown == doc_group_visible(d, g),
	           "doc_group_visible is not stable");
	FUZZ_CHECK(group_shown || !shown,
	           "a group is shown inside a hidden group");
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];
		bool v = doc_visible(d, g, n);

		FUZZ_CHECK(v == doc_visible(d, g, n),
		           "doc_visible of \"%s\" is not stable", n->path);
		FUZZ_CHECK(shown || !v, "\"%s\" is shown in a hidden group",
		           n->path);
		switch (n->kind) {
		case FDEF_ITEM: {
			bool r = doc_required(d, g, n);

			FUZZ_CHECK(r == doc_required(d, g, n),
			           "doc_required of \"%s\" is not stable",
			           n->path);
			(void)doc_effective(d, g, n);
			break;
		}
		case FDEF_GROUP:
			FUZZ_CHECK(s->grp != NULL, "group \"%s\" missing",
			           n->path);
			visit_group(d, s->grp, shown);
			break;
		case FDEF_REPEAT:
			FUZZ_CHECK(s->ninst <= n->max, "too many instances");
			for (size_t j = 0; j < s->ninst; j++) {
				FUZZ_CHECK(s->inst[j]->index == j &&
				                   s->inst[j]->parent == g,
				           "bad instance %zu of \"%s\"", j,
				           n->path);
				visit_group(d, s->inst[j], shown);
			}
			break;
		}
	}
}

static void
reads_in_form(void *arg, const struct fdef_node *n)
{
	const struct fdef *fd = arg;

	FUZZ_CHECK(n != NULL && n->id < fd->nall && fd->all[n->id] == n,
	           "a condition reads a node outside the form");
}

/* Load the form with condition text (already checked) as target's show. */
static struct fdef *
load_with(const char *text, size_t len, struct diag_list *dl)
{
	struct sbuf sb;
	struct fdef *fd;

	sbuf_init(&sb);
	sbuf_adds(&sb, form_head);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\'')
			sbuf_addc(&sb, '\'');
		sbuf_addc(&sb, text[i]);
	}
	sbuf_adds(&sb, form_tail);
	fd = fdef_load_mem("cond-form.yaml", sb.buf, sb.len, dl);
	sbuf_fini(&sb);
	return fd;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag_list dl;
	struct fdef *fd;
	struct doc *d;

	(void)argc;
	(void)argv;
	fuzz_setup_env();
	/* The fixed form and the filled document must be sound. */
	diag_list_init(&dl);
	fd = load_with("true", 4, &dl);
	if (fd == NULL) {
		fuzz_dump_diags("the fixed form", &dl);
		abort();
	}
	diag_list_fini(&dl);
	d = filled(fd);
	doc_free(&d);
	fdef_free(&fd);
	return 0;
}

/* Accept only what a form author could write on one line of YAML. */
static bool
acceptable(const char *s, size_t n)
{
	if (!utf8_valid(s, n, NULL))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		/* U+0085, U+2028, U+2029: YAML line breaks. */
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
			return false;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 ||
		     (unsigned char)s[i + 2] == 0xA9))
			return false;
		/* C1 controls, BOM and non-characters are not YAML text. */
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
			return false;
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
		    (unsigned char)s[i + 2] == 0xBF)
			return false;
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] >= 0xBE)
			return false;
	}
	return true;
}

/* Load the filled document for fd (it must load: the form only differs
 * from base_form in one condition). */
static struct doc *
filled(const struct fdef *fd)
{
	struct diag_list dl;
	struct doc *d;

	diag_list_init(&dl);
	d = docio_load_mem(fd, "filled.yaml", filled_doc, sizeof filled_doc - 1,
	                   &dl);
	if (d == NULL)
		fuzz_dump_diags("filled document", &dl);
	FUZZ_CHECK(d != NULL, "the filled document does not load");
	diag_list_fini(&dl);
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct diag_list dl;
	const struct fdef_node *target;
	struct fdef *fd;
	struct doc *docs[3];

	if (!acceptable(text, size))
		return -1;
	diag_list_init(&dl);
	fd = load_with(text, size, &dl);
	if (fd == NULL) {
		if (!fuzz_has_positioned_error(&dl))
			fuzz_dump_diags("load", &dl);
		FUZZ_CHECK(
		        fuzz_has_positioned_error(&dl),
		        "a refused condition has no error with a line number");
		diag_list_fini(&dl);
		return 0;
	}
	FUZZ_CHECK(diag_count(&dl, DIAG_ERROR) == 0,
	           "a form loaded although errors were reported");
	diag_list_fini(&dl);
	target = fdef_find(fd, "files.*.target");
	FUZZ_CHECK(target != NULL && target->show != NULL,
	           "target has no show condition");
	FUZZ_CHECK(target->show->type == CONDV_BOOL,
	           "show is not a true/false condition");
	cond_reads(target->show, reads_in_form, fd);
	for (size_t i = 0; i < fd->nall; i++)
		cond_reads(fd->all[i]->show, reads_in_form, fd);

	docs[0] = doc_new(fd, fd->default_version);
	docs[1] = doc_new_blank(fd, 0);
	docs[2] = filled(fd);
	for (size_t i = 0; i < 3; i++) {
		visit_group(docs[i], docs[i]->root, true);
		fuzz_roundtrip(fd, docs[i], true);
		doc_free(&docs[i]);
	}
	fdef_free(&fd);
	return 0;
}
