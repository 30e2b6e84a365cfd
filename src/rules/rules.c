#include <config.h>
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "name.h"
#include "resolve.h"
#include "review.h"
#include "sbuf.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

#define RULES_MAX_NAMES 6 /* items a message names before "ほか…件" */

struct rules_run {
	const struct doc *d;
	const struct fdef_check *c;
	rules_report_fn report;
	void *arg;
	const struct doc_group *scope; /* the instance being checked */
	struct rules_shared *sh;       /* what the checks of this run share */
};

/* The first string of an item's effective value seen from g, or "". */
static const char *
rules_str(const struct doc *d, const struct doc_group *g,
          const struct fdef_node *n)
{
	const struct doc_value *v = doc_effective(d, g, n);

	return v->n > 0 ? v->v[0] : "";
}

/* Fill the placeholders names[i] of a template with vals[i]; caller
 * frees. The text between placeholders is copied in one piece. */
static char *
rules_fill_n(const char *tmpl, const char *const *names,
             const char *const *vals, size_t n)
{
	struct sbuf sb;
	const char *p = tmpl;

	sbuf_init(&sb);
	for (;;) {
		const char *brace = strchr(p, '{');
		bool done = false;

		if (brace == NULL) {
			sbuf_adds(&sb, p);
			break;
		}
		sbuf_add(&sb, p, (size_t)(brace - p));
		p = brace;
		for (size_t i = 0; i < n && !done; i++) {
			size_t len = strlen(names[i]);
			const char *v = vals[i] ? vals[i] : "";

			if (strncmp(p, names[i], len) != 0)
				continue;
			/* A value of several lines (checked boxes) reads
			 * as one list in the message. */
			while (*v) {
				size_t run = strcspn(v, "\r\n");

				sbuf_add(&sb, v, run);
				v += run;
				if (*v == '\n')
					sbuf_adds(&sb, "、");
				if (*v)
					v++;
			}
			p += len;
			done = true;
		}
		if (!done)
			sbuf_addc(&sb, *p++);
	}
	return sbuf_detach(&sb);
}

/* Fill {value}, {other}, {expected} and {detail} in a message template;
 * caller frees. */
static char *
rules_fill(const char *tmpl, const char *value, const char *other,
           const char *expected, const char *detail)
{
	static const char *const names[] = {"{value}", "{other}", "{expected}",
	                                    "{detail}"};
	const char *vals[] = {value, other, expected, detail};

	return rules_fill_n(tmpl, names, vals, 4);
}

/* Report a finding with a message template and a severity at node, seen
 * from instance g. */
static void
rules_say_as(struct rules_run *r, const char *tmpl, enum diag_sev sev,
             const struct doc_group *g, const struct fdef_node *at,
             const char *value, const char *other, const char *expected,
             const char *detail)
{
	const struct doc_group *h = doc_holder(g, at);
	char *msg = rules_fill(tmpl, value, other, expected, detail);

	if (h != NULL)
		r->report(r->arg, r->c, sev, r->scope, h, at, msg);
	free(msg);
}

/* Report a finding of the current check at node, seen from instance g. */
static void
rules_say(struct rules_run *r, const struct doc_group *g,
          const struct fdef_node *at, const char *value, const char *other,
          const char *expected, const char *detail)
{
	rules_say_as(r, r->c->message, r->c->sev, g, at, value, other, expected,
	             detail);
}

/* Copy s without blanks (ASCII and full-width); caller frees. */
static char *
rules_squeeze(const char *s)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (const char *p = s; *p;) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if (strncmp(p, "　", 3) == 0) {
			p += 3;
		} else {
			sbuf_addc(&sb, *p++);
		}
	}
	return sbuf_detach(&sb);
}

/* Tell whether node lies below k. No memory. */
static bool
rules_encloses(const struct fdef_node *k, const struct fdef_node *node)
{
	for (const struct fdef_node *p = node->parent; p != NULL; p = p->parent)
		if (p == k)
			return true;
	return false;
}

/* Call fn for every shown instance holding node, anywhere in the document. */
static void
rules_each_holder(const struct doc *d, const struct doc_group *g,
                  const struct fdef_node *node,
                  void (*fn)(void *arg, const struct doc_group *h), void *arg)
{
	if (!doc_group_visible(d, g))
		return;
	if (g->def == node->parent) {
		if (doc_visible(d, g, node))
			fn(arg, g);
		return;
	}
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *k = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		/* Only the section or repeat that node lies in. */
		if (!rules_encloses(k, node))
			continue;
		if (k->kind == FDEF_GROUP)
			rules_each_holder(d, s->grp, node, fn, arg);
		else if (k->kind == FDEF_REPEAT)
			for (size_t j = 0; j < s->ninst; j++)
				rules_each_holder(d, s->inst[j], node, fn, arg);
	}
}

/* What the document says about one input of the threshold rule. */
enum rules_known {
	RULES_NO,     /* ruled out by the answers */
	RULES_YES,    /* given by the answers */
	RULES_UNSURE, /* the answers cannot tell */
};

struct rules_count {
	const struct fdef_check *c;
	const struct fdef_node *node;
	const struct doc_group **files; /* instance of the outermost repeat */
	long *low;                      /* least people in each of them */
	size_t n;
	long high; /* most people in all, inclusive */
	bool open; /* an answer without an upper bound, or none */
};

/* Add one holder's answer of a handlers item to the count: its least
 * people to its file, its most people to the whole. */
static void
rules_count_cb(void *arg, const struct doc_group *h)
{
	struct rules_count *a = arg;
	const struct doc_value *v = &doc_slot(h, a->node)->val;
	const struct doc_group *f = h;
	long k = v->n > 0 ? fdef_option_index(a->node, v->v[0]) : -1;
	size_t i;

	if (k < 0 || (size_t)k >= a->c->nbounds) {
		a->open = true;
		return;
	}
	while (f->parent != NULL && f->parent->parent != NULL)
		f = f->parent;
	for (i = 0; i < a->n && a->files[i] != f; i++)
		;
	if (i == a->n) {
		a->files = xreallocarray(a->files, a->n + 1, sizeof *a->files);
		a->low = xreallocarray(a->low, a->n + 1, sizeof *a->low);
		a->files[i] = f;
		a->low[i] = 0;
		a->n++;
	}
	a->low[i] += a->c->bounds[k];
	if ((size_t)k + 1 < a->c->nbounds)
		a->high += a->c->bounds[k + 1] - 1;
	else
		a->open = true;
}

struct rules_incident {
	const struct fdef_check *c;
	const struct fdef_node *node;
	bool any, yes, blank;
};

/* Note one holder's answer about a serious incident. */
static void
rules_incident_cb(void *arg, const struct doc_group *h)
{
	struct rules_incident *a = arg;
	const struct doc_value *v = &doc_slot(h, a->node)->val;

	a->any = true;
	if (v->n == 0 || strcmp(v->v[0], a->c->value_no) != 0) {
		if (v->n > 0 && strcmp(v->v[0], a->c->value) == 0)
			a->yes = true;
		else
			a->blank = true;
	}
}

/* Fill {other}, {low} and {high} into a text of the threshold check and
 * add it to sb after a 、. */
static void
rules_detail(struct sbuf *sb, const struct fdef_check *c, const char *key,
             const char *other, long low, long high)
{
	static const char *const names[] = {"{other}", "{low}", "{high}"};
	char lo[32], hi[32];
	const char *vals[] = {other, lo, hi};
	char *u;

	snprintf(lo, sizeof lo, "%ld", low);
	snprintf(hi, sizeof hi, "%ld", high);
	u = rules_fill_n(fdef_check_text(c, key), names, vals, 3);
	sbuf_addf(sb, "%s%s", sb->len ? "、" : "", u);
	free(u);
}

/* The threshold rule (しきい値判断, 指針 第5の2): the result a 対象人数
 * requires, and for the middle bands whether 取扱者数 (the people of every
 * file and 委託先 together) reaches the limit or a serious incident
 * happened. The handlers' answers are bands: many when their least people
 * reach the limit, few when their most stay below it. III-7-② asks about
 * 3 years of 個人情報 incidents, the rule about 1 year of 特定個人情報:
 * 発生なし rules an incident out, 発生あり cannot tell. A result the
 * answers cannot decide is named unsure, never said as a fact. */
static void
rules_threshold(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_check *c = r->c;
	const struct fdef_node *target = c->nodes[0], *result = c->nodes[1];
	const char *tv = rules_str(r->d, g, target);
	const char *rv = rules_str(r->d, g, result);
	long t = fdef_option_index(target, tv),
	     res = fdef_option_index(result, rv);
	struct rules_count cnt = {c, NULL, NULL, NULL, 0, 0, false};
	struct rules_incident inc = {c, c->nodes[2], false, false, false};
	enum rules_known big, heavy;
	long low = 0, want[2];
	size_t nwant = 0;
	struct sbuf detail;

	if (t < 0 || res < 0 || result->noptions < 3 || c->nbounds == 0)
		return;
	for (size_t i = 3; i < c->nnodes; i++) {
		cnt.node = c->nodes[i];
		rules_each_holder(r->d, r->d->root, c->nodes[i], rules_count_cb,
		                  &cnt);
	}
	for (size_t i = 0; i < cnt.n; i++)
		low = cnt.low[i] > low ? cnt.low[i] : low;
	free(cnt.files);
	free(cnt.low);
	rules_each_holder(r->d, r->d->root, c->nodes[2], rules_incident_cb,
	                  &inc);
	big = low >= c->limit                    ? RULES_YES
	      : !cnt.open && cnt.high < c->limit ? RULES_NO
	                                         : RULES_UNSURE;
	heavy = big == RULES_YES ? RULES_YES
	        : big == RULES_NO && inc.any && !inc.yes && !inc.blank
	                ? RULES_NO
	                : RULES_UNSURE;
	/* Option 1 (index 0): 重点 required; 2: 基礎 only; 3: none; -1:
	 * 全項目評価, which this form is not. */
	if (t == 0)
		want[nwant++] = 2;
	else if (t == 1)
		want[nwant++] = 1;
	else {
		if (heavy != RULES_NO)
			want[nwant++] = t == 2 ? 0 : -1;
		if (heavy != RULES_YES)
			want[nwant++] = t == 2 ? 1 : 0;
	}
	sbuf_init(&detail);
	rules_detail(&detail, c, "target", tv, 0, 0);
	if (t >= 2 && heavy == RULES_YES) {
		rules_detail(&detail, c, "many", tv, low, 0);
	} else if (t >= 2 && heavy == RULES_NO) {
		rules_detail(&detail, c, "few", tv, 0, cnt.high);
		rules_detail(&detail, c, "no_incident", tv, 0, 0);
	} else if (t >= 2) {
		if (big == RULES_NO)
			rules_detail(&detail, c, "few", tv, 0, cnt.high);
		else if (cnt.open)
			rules_detail(&detail, c, "count_blank", tv, 0, 0);
		else
			rules_detail(&detail, c, "count_unsure", tv, low,
			             cnt.high);
		if (inc.yes)
			rules_detail(&detail, c, "incident", tv, 0, 0);
		else if (inc.blank || !inc.any)
			rules_detail(&detail, c, "incident_blank", tv, 0, 0);
	}
	{
		const char *full = fdef_check_text(c, "full");
		const char *w0 = want[0] < 0 ? full : result->options[want[0]];
		const char *w1 = nwant < 2     ? NULL
		                 : want[1] < 0 ? full
		                               : result->options[want[1]];

		if (nwant == 1 && res != want[0]) {
			rules_say(r, g, result, rv, tv, w0, detail.buf);
		} else if (nwant == 2 && (res == want[0] || res == want[1])) {
			rules_say_as(r, c->unsure_message, c->unsure_sev, g,
			             result, rv, tv, res == want[0] ? w1 : w0,
			             detail.buf);
		} else if (nwant == 2) {
			/* Wrong whichever way the answers go: the 対象人数
			 * alone says so. */
			char *both = xasprintf(
			        "%s%s%s", w0, fdef_check_text(c, "either"), w1);

			sbuf_reset(&detail);
			rules_detail(&detail, c, "target", tv, 0, 0);
			rules_say(r, g, result, rv, tv, both, detail.buf);
			free(both);
		}
	}
	sbuf_fini(&detail);
}

/* Strip list numbering such as "1 ", "1.", "(1)", "①" from a line. */
static const char *
rules_unnumber(const char *s)
{
	const char *p = s;

	while (*p == ' ' || strncmp(p, "　", 3) == 0)
		p += *p == ' ' ? 1 : 3;
	if (*p == '(')
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p != s && (*p == ')' || *p == '.' || *p == ' '))
		p++;
	else if (p != s && strncmp(p, "　", 3) == 0)
		p += 3;
	else if (jtext_circled_prefix(p) > 0)
		p += jtext_circled_prefix(p);
	else if (p != s && p[-1] >= '0' && p[-1] <= '9')
		p = s;
	while (*p == ' ' || strncmp(p, "　", 3) == 0)
		p += *p == ' ' ? 1 : 3;
	return p;
}

/* The I-3 list against the names of the files, in order. */
static void
rules_lines_match(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_node *list = r->c->nodes[0], *over = r->c->nodes[1];
	const struct fdef_node *item = r->c->nodes[2];
	const struct doc_group *h = doc_holder(g, over);
	const char *text = rules_str(r->d, g, list);
	struct sbuf names;
	size_t n, k = 0;
	bool bad = false;
	char *copy, *save = NULL;

	/* Without any file, the rule of the least number of files speaks. */
	if (text[0] == '\0' || h == NULL || doc_slot(h, over)->ninst == 0)
		return;
	n = doc_slot(h, over)->ninst;
	sbuf_init(&names);
	copy = xstrdup(text);
	for (char *l = strtok_r(copy, "\n", &save); l != NULL;
	     l = strtok_r(NULL, "\n", &save)) {
		const char *name = rules_unnumber(l);
		char *a, *b;

		if (*name == '\0')
			continue;
		if (k >= n) {
			bad = true;
			k++;
			continue;
		}
		a = rules_squeeze(name);
		b = rules_squeeze(
		        rules_str(r->d, doc_slot(h, over)->inst[k], item));
		if (strcmp(a, b) != 0)
			bad = true;
		free(a);
		free(b);
		k++;
	}
	free(copy);
	if (k != n)
		bad = true;
	/* A file whose name is still blank is reported as not filled in;
	 * the list cannot be compared with a name that is not there. */
	for (size_t i = 0; i < n; i++) {
		const char *name =
		        rules_str(r->d, doc_slot(h, over)->inst[i], item);

		bad &= name[0] != '\0';
		sbuf_addf(&names, "%s%s", i ? "、" : "", name);
	}
	if (bad)
		rules_say(r, g, list, text, NULL, names.buf, NULL);
	sbuf_fini(&names);
}

/* An organisation-wide answer that differs between files. */
static void
rules_same(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_node *over = r->c->nodes[0], *item = r->c->nodes[1];
	const struct doc_group *h = doc_holder(g, over);
	const struct doc_slot *s;
	char *first;

	if (h == NULL || doc_slot(h, over)->ninst < 2)
		return;
	s = doc_slot(h, over);
	first = doc_format_value(item, doc_effective(r->d, s->inst[0], item));
	for (size_t j = 1; j < s->ninst; j++) {
		char *v = doc_format_value(
		        item, doc_effective(r->d, s->inst[j], item));

		if (strcmp(v, first) != 0 && first[0] != '\0' && v[0] != '\0')
			rules_say(r, s->inst[j], item, v, first, NULL, NULL);
		free(v);
	}
	free(first);
}

/* Tell whether a text holds a personal name after a job title: a blank
 * between two runs of non-ASCII text (国保年金課長 山野邊 英世). */
static bool
rules_has_name(const char *s)
{
	const char *p = s;
	bool before = false;

	while (*p != '\0') {
		if ((*p == ' ' || strncmp(p, "　", 3) == 0) && before) {
			p += *p == ' ' ? 1 : 3;
			while (*p == ' ' || strncmp(p, "　", 3) == 0)
				p += *p == ' ' ? 1 : 3;
			if ((unsigned char)*p >= 0xE3)
				return true;
			continue;
		}
		before = (unsigned char)*p >= 0xE3;
		p += (unsigned char)*p >= 0xE0 ? 3 : 1;
	}
	return false;
}

/* A system's name or connection text as compared: NFKC, case folded,
 * without blanks and without the long vowel mark (サーバ and サーバー name
 * the same server). Caller frees. */
static char *
rules_system_text(const char *s)
{
	char *t = jtext_fold(s, JTEXT_KEEP_CIRCLED | JTEXT_DROP_BLANKS);
	char *w = t;

	for (const char *p = t; *p;) {
		if (strncmp(p, "ー", 3) == 0) {
			p += 3;
			continue;
		}
		*w++ = *p++;
	}
	*w = '\0';
	return t;
}

/* The core of a name as compared: up to the first note, bracket or ※
 * (標準システム names carry explanations). Caller frees. */
static char *
rules_core_name(const char *name)
{
	char *t = rules_system_text(name);
	static const char *const stops[] = {"(", "※", "「", NULL};

	for (size_t i = 0; stops[i] != NULL; i++) {
		char *p = strstr(t, stops[i]);

		if (p != NULL && p != t)
			*p = '\0';
	}
	return t;
}

/* A system's name for a message: up to its first note or bracket.
 * Caller frees. */
static char *
rules_short_name(const char *name)
{
	static const char *const stops[] = {"(", "（", "※", "「", NULL};
	size_t len = strlen(name);

	for (size_t i = 0; stops[i] != NULL; i++) {
		const char *p = strstr(name, stops[i]);

		if (p != NULL && p != name && (size_t)(p - name) < len)
			len = (size_t)(p - name);
	}
	while (len > 0 && name[len - 1] == ' ')
		len--;
	return xstrndup(name, len);
}

/* Tell whether block b connects to a system named `name` (compared
 * form) through a checked member: by the words the form gives for the
 * member (宛名システム等 for 団体内統合利用番号連携サーバー), else by the
 * member's own words ("…等" meaning "and the like"). */
static bool
rules_names_by_member(struct rules_run *r, const struct doc_group *b,
                      const char *name)
{
	const struct doc_value *v;

	if (r->c->nnodes < 4)
		return false;
	v = doc_effective(r->d, b, r->c->nodes[3]);
	for (size_t i = 0; i < v->n; i++) {
		const struct fdef_alias *al = NULL;
		bool hit = false;

		for (size_t k = 0; k < r->c->naliases; k++)
			if (strcmp(r->c->aliases[k].member, v->v[i]) == 0)
				al = &r->c->aliases[k];
		for (size_t k = 0; al != NULL && k < al->nwords && !hit; k++) {
			char *w = rules_system_text(al->words[k]);

			hit = w[0] != '\0' && strstr(name, w) != NULL;
			free(w);
		}
		if (al == NULL) {
			char *m = rules_system_text(v->v[i]);
			size_t len = strlen(m);

			if (len > 3 && strcmp(m + len - 3, "等") == 0)
				m[len - 3] = '\0';
			hit = strlen(m) >= 6 && strstr(name, m) != NULL;
			free(m);
		}
		if (hit)
			return true;
	}
	return false;
}

/* Two systems that name each other (X15): when system A's その他 text
 * names system B, B's ③ should name A, in its その他 text or by a checked
 * member that stands for A. The finding is on B's ③: {value} is B, {other}
 * is A and {detail} the block of A (I-2-システム3). */
static void
rules_reciprocal(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_node *over = r->c->nodes[0];
	const struct fdef_node *name = r->c->nodes[1];
	const struct fdef_node *text = r->c->nodes[2];
	const struct fdef_node *at = r->c->nnodes > 3 ? r->c->nodes[3] : text;
	const struct doc_group *h = doc_holder(g, over);
	const struct doc_slot *s;

	if (h == NULL)
		return;
	s = doc_slot(h, over);
	for (size_t a = 0; a < s->ninst; a++) {
		char *ta = rules_system_text(rules_str(r->d, s->inst[a], text));
		char *na = rules_core_name(rules_str(r->d, s->inst[a], name));

		for (size_t b = 0; b < s->ninst && ta[0] && na[0]; b++) {
			char *nb, *tb;

			if (a == b)
				continue;
			nb = rules_core_name(rules_str(r->d, s->inst[b], name));
			tb = rules_system_text(
			        rules_str(r->d, s->inst[b], text));
			if (nb[0] != '\0' && strstr(ta, nb) != NULL &&
			    strstr(tb, na) == NULL &&
			    !rules_names_by_member(r, s->inst[b], na)) {
				char *block = name_item(s->inst[a], over);
				char *sa = rules_short_name(
				        rules_str(r->d, s->inst[a], name));
				char *sb = rules_short_name(
				        rules_str(r->d, s->inst[b], name));

				rules_say(r, s->inst[b], at, sb, sa, NULL,
				          block);
				free(block);
				free(sa);
				free(sb);
			}
			free(nb);
			free(tb);
		}
		free(ta);
		free(na);
	}
}

/* The change log resolved (each row's 項目 through the resolver), once
 * for all the checks of a run. Borrowed. */
static const struct resolve_log *
rules_log(struct rules_run *r)
{
	struct rules_shared *sh = r->sh;

	if (!sh->have_log) {
		resolve_log(sh->d, &sh->log);
		sh->have_log = true;
	}
	return &sh->log;
}

/* What one row of the change log names, or NULL. Borrowed. */
static const struct resolve_result *
rules_row(struct rules_run *r, const struct doc_group *row)
{
	const struct resolve_log *log = rules_log(r);

	return row->index < log->n ? &log->rows[row->index] : NULL;
}

/* The names of what a row of the change log names, for a message: the
 * first few one a line (a message reads them as a list), then the
 * check's text "more" with the number left out. Caller frees. */
static char *
rules_row_names(const struct fdef_check *c, const struct resolve_result *res)
{
	struct sbuf sb;
	char *count, *all;

	sbuf_init(&sb);
	for (size_t i = 0; i < res->n && i < RULES_MAX_NAMES; i++) {
		char *s = name_item(res->t[i].g, res->t[i].node);

		sbuf_addf(&sb, "%s%s", i > 0 ? "\n" : "", s);
		free(s);
	}
	if (res->n <= RULES_MAX_NAMES)
		return sbuf_detach(&sb);
	count = xasprintf("%zu", res->n - RULES_MAX_NAMES);
	all = rules_fill(fdef_check_text(c, "more"), sb.buf, count, NULL, NULL);
	free(count);
	sbuf_fini(&sb);
	return all;
}

/* Why a row of the change log names no one item, in the words of the
 * check's texts (the form's Japanese, whatever the locale). Caller
 * frees. */
static char *
rules_ref_detail(const struct fdef_check *c, const struct resolve_result *res)
{
	char *out, *a, *b;

	if (res->status == RESOLVE_AMBIGUOUS && res->n == 2) {
		a = name_item(res->t[0].g, res->t[0].node);
		b = name_item(res->t[1].g, res->t[1].node);
		out = rules_fill(fdef_check_text(c, "two"), a, b, NULL, NULL);
		free(a);
		free(b);
		return out;
	}
	if (res->status == RESOLVE_AMBIGUOUS) {
		a = rules_row_names(c, res);
		out = rules_fill(fdef_check_text(c, "many"), a, NULL, NULL,
		                 NULL);
		free(a);
		return out;
	}
	a = xasprintf("%zu", res->missing_file);
	switch (res->missing) {
	case RESOLVE_MISSING_PART:
		out = rules_fill(fdef_check_text(c, "no_part"),
		                 res->missing_name, NULL, NULL, NULL);
		break;
	case RESOLVE_MISSING_FILE:
		out = rules_fill(fdef_check_text(c, res->missing_file
		                                            ? "no_file"
		                                            : "no_files"),
		                 a, NULL, NULL, NULL);
		break;
	case RESOLVE_MISSING_BLOCK:
		out = res->missing_file
		              ? rules_fill(fdef_check_text(c, "no_file_block"),
		                           a, res->missing_name, NULL, NULL)
		              : rules_fill(fdef_check_text(c, "no_block"),
		                           res->missing_name, NULL, NULL, NULL);
		break;
	default:
		out = xstrdup(fdef_check_text(c, "nothing"));
		break;
	}
	free(a);
	return out;
}

/* The 提出時期 the form suggests for a change of an item without ※ (事後):
 * the timing of the first such preset of the reason column, or NULL.
 * Borrowed. */
static const char *
rules_later_timing(const struct fdef_node *reason)
{
	for (size_t i = 0; i < reason->npresets; i++)
		if (!reason->presets[i].important)
			return reason->presets[i].timing;
	return NULL;
}

/* Tell whether every reading of a row names a 重要な変更 (※) item. */
static bool
rules_row_important(const struct resolve_result *res)
{
	if (res == NULL || res->status == RESOLVE_NONE || res->n == 0)
		return false;
	for (size_t i = 0; i < res->n; i++)
		if (!resolve_target_important(&res->t[i]))
			return false;
	return true;
}

/* Fold a logged or current value for comparing: NFKC, case, no blanks;
 * "[…]" around a logged value is taken off. Caller frees. */
static char *
rules_fold_value(const char *s, bool logged)
{
	char *f = jtext_fold(s, JTEXT_DROP_BLANKS);
	size_t len = strlen(f);

	if (logged && len >= 2 && f[0] == '[') {
		char *close = strchr(f, ']');

		if (close != NULL) {
			*close = '\0';
			memmove(f, f + 1, strlen(f + 1) + 1);
		}
	}
	return f;
}

/* The option of a choice a logged value names ("[委託する](1件)",
 * "[1万人以上～10万人未満]"), or -1 when it names none. */
static long
rules_logged_option(const struct fdef_node *n, const char *logged)
{
	char *v = rules_fold_value(logged, true);
	long best = -1;
	size_t best_len = 0;

	for (char *p = v; *p;)
		if (*p == '~')
			memmove(p, p + 1, strlen(p + 1) + 1);
		else
			p++;
	for (size_t i = 0; i < n->noptions; i++) {
		char *o = rules_fold_value(n->options[i], false);
		size_t len = strlen(o);

		if (strncmp(v, o, len) == 0 &&
		    (v[len] == '\0' || v[len] == '(') && len > best_len) {
			best = (long)i;
			best_len = len;
		}
		free(o);
	}
	free(v);
	return best;
}

/* Tell whether a logged 変更後の記載 says something else than an item's
 * current value; false when the log cannot be read as a value. */
static bool
rules_logged_differs(const struct fdef_node *n, const char *logged,
                     const char *current)
{
	bool differs = false;

	switch (n->type) {
	case FT_CHOICE: {
		long k = rules_logged_option(n, logged);

		differs = k >= 0 && strcmp(n->options[k], current) != 0;
		break;
	}
	case FT_DATE: {
		struct wareki_date a, b;

		differs = wareki_parse(logged, true, &a, NULL) &&
		          wareki_parse(current, true, &b, NULL) &&
		          wareki_compare(&a, &b) != 0;
		break;
	}
	case FT_NUMBER:
	case FT_COUNT: {
		char *v = rules_fold_value(logged, true);
		const char *d = v + strcspn(v, "0123456789");

		differs = *d != '\0' && atol(d) != atol(current);
		free(v);
		break;
	}
	case FT_LINE: {
		char *a = rules_fold_value(logged, true);
		char *b = rules_fold_value(current, false);

		differs = a[0] != '\0' && strcmp(a, b) != 0;
		free(a);
		free(b);
		break;
	}
	default:
		break;
	}
	return differs;
}

struct rules_latest {
	const struct resolve_target *t;
	const struct doc_group *row;
	struct wareki_date when;
};

/* The latest change of each short item must be its current value (X20):
 * choices, dates, numbers and one-line items, which a log cell holds
 * whole, in blocks and files too. */
static void
rules_change_current(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_node *item = r->c->nodes[0];
	const struct fdef_node *after = r->c->nodes[1];
	const struct fdef_node *date = r->c->nodes[2];
	const struct resolve_log *log = rules_log(r);
	const struct doc_slot *s = NULL;
	struct rules_latest *latest = NULL;
	size_t n = 0;

	/* The scope holds the log; its rows are the repeat of item. */
	for (size_t i = 0; i < g->def->nkids; i++)
		if (g->def->kids[i] == item->parent)
			s = &g->slots[i];
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->ninst && i < log->n; i++) {
		const struct resolve_result *res = &log->rows[i];
		struct wareki_date wd;

		if (res->status != RESOLVE_SURE ||
		    !wareki_parse(rules_str(r->d, s->inst[i], date), true, &wd,
		                  NULL))
			continue;
		for (size_t k = 0; k < res->n; k++) {
			const struct resolve_target *t = &res->t[k];
			size_t j;

			if (t->node->kind != FDEF_ITEM)
				continue;
			for (j = 0; j < n; j++)
				if (latest[j].t->g == t->g &&
				    latest[j].t->node == t->node)
					break;
			if (j == n) {
				latest = xreallocarray(latest, n + 1,
				                       sizeof *latest);
				latest[n].t = t;
				latest[n].row = s->inst[i];
				latest[n].when = wd;
				n++;
			} else if (wareki_compare(&wd, &latest[j].when) >= 0) {
				latest[j].row = s->inst[i];
				latest[j].when = wd;
			}
		}
	}
	for (size_t k = 0; k < n; k++) {
		const struct resolve_target *t = latest[k].t;
		const char *want = rules_str(r->d, latest[k].row, after);
		const struct doc_value *v = doc_effective(r->d, t->g, t->node);
		const char *cur = v->n > 0 ? v->v[0] : "";

		if (cur[0] != '\0' && rules_logged_differs(t->node, want, cur))
			rules_say(r, latest[k].row, after, want, cur, NULL,
			          NULL);
	}
	free(latest);
}

/* A ※ item changed since the baseline (the last published version)
 * without a row in the change log (X18b). */
static void
rules_change_baseline(struct rules_run *r, const struct doc_group *g)
{
	const struct doc *base = r->d->base;
	struct review_list l;

	if (base == NULL)
		return;
	review_diff(base, r->d, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct review_change *c = &l.v[i];
		const struct doc_group *h;
		const struct fdef_node *at;
		char *msg;

		if (!c->important || c->recorded ||
		    !review_place(r->d, c, &h, &at))
			continue;
		msg = rules_fill(r->c->message, c->item,
		                 r->d->base_published ? r->d->base_published
		                                      : r->d->base_file,
		                 NULL, NULL);
		r->report(r->arg, r->c, r->c->sev, g, h, at, msg);
		free(msg);
	}
	review_list_fini(&l);
}

/* Tell whether text holds the part of name after the last of the given
 * separators (国保年金課 of 市民協働部国保年金課). */
static bool
rules_contains_tail(const char *text, const char *name, char *const *seps,
                    size_t nseps)
{
	const char *tail = NULL;

	for (size_t i = 0; i < nseps; i++) {
		const char *p = name, *hit;

		while ((hit = strstr(p, seps[i])) != NULL) {
			p = hit + strlen(seps[i]);
			if (*p != '\0' && (tail == NULL || p > tail))
				tail = p;
		}
	}
	return tail != NULL && strstr(text, tail) != NULL;
}

/* Tell whether text holds nothing but blanks (spaces, U+3000, breaks). */
static bool
rules_blank(const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(text + i, n - i, &cp);
		if (!jtext_is_blank(cp))
			return false;
	}
	return true;
}

/* The answer a derive check offers in one instance of its scope: a
 * fixed value, another item's value, the number of blocks of a repeat, or
 * the line of a list that belongs to this block of `over` (the file's own
 * line of I-3); NULL when there is none. Caller frees. */
static char *
rules_derive_value(const struct doc *d, const struct fdef_check *c,
                   const struct doc_group *g)
{
	const struct fdef_node *from;
	const struct doc_group *inst = g;
	char *copy, *save = NULL, *found = NULL;
	const char *text;
	size_t k = 0;

	if (c->nnodes == 0)
		return c->value ? xstrdup(c->value) : NULL;
	from = c->nodes[0];
	if (from->kind == FDEF_REPEAT) {
		const struct doc_group *h = doc_holder(g, from);
		size_t n = h ? doc_slot(h, from)->ninst : 0;

		return n > 0 ? xasprintf("%zu", n) : NULL;
	}
	text = rules_str(d, g, from);
	if (rules_blank(text))
		return NULL;
	if (c->nnodes < 2)
		return xstrdup(text);
	while (inst != NULL && inst->def != c->nodes[1])
		inst = inst->parent;
	if (inst == NULL)
		return NULL;
	copy = xstrdup(text);
	for (char *l = strtok_r(copy, "\n", &save); l != NULL && !found;
	     l = strtok_r(NULL, "\n", &save)) {
		const char *name = rules_unnumber(l);

		if (*name != '\0' && k++ == inst->index)
			found = xstrdup(name);
	}
	free(copy);
	return found;
}

/* The answer a derive check offers for instance scope of its scope, or
 * NULL when its precondition does not hold or nothing follows. Caller
 * frees. */
char *
rules_derived(const struct doc *d, const struct fdef_check *c,
              const struct doc_group *scope)
{
	struct cond_env env;

	doc_cond_env(d, &env);
	if (c->kind != CK_DERIVE ||
	    (c->when != NULL && !cond_eval(c->when, &env, scope)))
		return NULL;
	return rules_derive_value(d, c, scope);
}

/* Run one check in one instance of its scope. */
static void
rules_at(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_check *c = r->c;
	struct cond_env env;

	r->scope = g;
	doc_cond_env(r->d, &env);
	if (c->when != NULL && !cond_eval(c->when, &env, g))
		return;
	switch (c->kind) {
	case CK_WHEN:
		rules_say(r, g, c->at, NULL, NULL, NULL, NULL);
		break;
	case CK_DATE_ORDER: {
		const char *a = rules_str(r->d, g, c->nodes[0]);
		const char *b = rules_str(r->d, g, c->nodes[1]);
		struct wareki_date da, db;

		if (wareki_parse(a, true, &da, NULL) &&
		    wareki_parse(b, true, &db, NULL) &&
		    wareki_compare(&da, &db) > 0)
			rules_say(r, g, c->at, a, b, NULL, NULL);
		break;
	}
	case CK_THRESHOLD:
		rules_threshold(r, g);
		break;
	case CK_CONTAINS: {
		const char *t = rules_str(r->d, g, c->nodes[0]);
		char *st = rules_squeeze(t);

		if (c->nnodes > 1) {
			const char *o = rules_str(r->d, g, c->nodes[1]);
			char *so = rules_squeeze(o);
			size_t len = strlen(so), slen;

			if (c->value != NULL &&
			    (slen = strlen(c->value)) < len &&
			    strcmp(so + len - slen, c->value) == 0)
				so[len - slen] = '\0';
			if (st[0] != '\0' && so[0] != '\0' &&
			    strstr(st, so) == NULL &&
			    !rules_contains_tail(st, so, c->tails, c->ntails))
				rules_say(r, g, c->at, t, so, NULL, NULL);
			free(so);
		}
		for (size_t i = 0; i < c->nwords; i++)
			if (strstr(t, c->words[i]) != NULL) {
				rules_say(r, g, c->at, c->words[i], NULL, NULL,
				          NULL);
				break;
			}
		if (c->nends > 0 && st[0] != '\0') {
			size_t len = strlen(st);
			bool end = false;

			for (size_t i = 0; i < c->nends && !end; i++) {
				size_t n = strlen(c->ends[i]);

				end = n <= len &&
				      strcmp(st + len - n, c->ends[i]) == 0;
			}
			if (!end)
				rules_say(r, g, c->at, t, NULL, NULL, NULL);
		}
		free(st);
		break;
	}
	case CK_SAME:
		rules_same(r, g);
		break;
	case CK_LINES_MATCH:
		rules_lines_match(r, g);
		break;
	case CK_CHANGE_TIMING: {
		const char *item = rules_str(r->d, g, c->nodes[0]);
		const char *timing = rules_str(r->d, g, c->nodes[1]);
		const char *reason = rules_str(r->d, g, c->nodes[2]);
		const struct resolve_result *res = rules_row(r, g);
		const char *later = rules_later_timing(c->nodes[2]);

		if (later != NULL && strcmp(timing, later) == 0 &&
		    reason[0] == '\0' && res != NULL &&
		    rules_row_important(res)) {
			char *names = rules_row_names(c, res);

			rules_say(r, g, c->nodes[1], item, NULL, NULL, names);
			free(names);
		}
		break;
	}
	case CK_PERSONAL_NAME: {
		const char *t = rules_str(r->d, g, c->nodes[0]);

		if (rules_has_name(t))
			rules_say(r, g, c->at, t, NULL, NULL, NULL);
		break;
	}
	case CK_RECIPROCAL:
		rules_reciprocal(r, g);
		break;
	case CK_CHANGE_REF: {
		const char *t = rules_str(r->d, g, c->nodes[0]);
		const struct resolve_result *res = rules_row(r, g);

		if (t[0] != '\0' && res != NULL &&
		    res->status != RESOLVE_SURE) {
			char *detail = rules_ref_detail(c, res);

			rules_say(r, g, c->at, t, NULL, NULL, detail);
			free(detail);
		}
		break;
	}
	case CK_CHANGE_CURRENT:
		rules_change_current(r, g);
		break;
	case CK_CHANGE_BASELINE:
		rules_change_baseline(r, g);
		break;
	case CK_DERIVE: {
		/* Offered only while the item is shown and still empty. */
		const struct doc_group *h = doc_holder(g, c->at);
		char *v;

		if (h == NULL || !doc_visible(r->d, h, c->at) ||
		    !doc_value_empty(&doc_slot(h, c->at)->val))
			break;
		v = rules_derive_value(r->d, c, g);
		if (v != NULL)
			rules_say(r, g, c->at, NULL, NULL, v, NULL);
		free(v);
		break;
	}
	case CK_REMINDER: {
		const char *t = rules_str(r->d, g, c->nodes[0]);
		struct wareki_date wd;
		int y, m, dd, ty, tm, td;

		if (!wareki_parse(t, true, &wd, NULL) ||
		    !wareki_to_gregorian(&wd, &y, &m, &dd))
			break;
		wareki_today(&ty, &tm, &td);
		wareki_add_months(&y, &m, &dd, c->months);
		if (ty * 10000 + tm * 100 + td >=
		    y * 10000 + m * 100 + (dd ? dd : 1)) {
			struct wareki_date w2;
			char *due = wareki_from_gregorian(y, m, dd, &w2)
			                    ? wareki_format(&w2)
			                    : xasprintf("%d-%02d", y, m);

			rules_say(r, g, c->at, t, NULL, due, NULL);
			free(due);
		}
		break;
	}
	}
}

/* Visit every shown instance of the check's scope below g. */
static void
rules_walk(struct rules_run *r, const struct doc_group *g)
{
	if (g->def == r->c->scope) {
		if (doc_group_visible(r->d, g))
			rules_at(r, g);
		return;
	}
	for (size_t i = 0; i < g->def->nkids; i++) {
		const struct fdef_node *n = g->def->kids[i];
		const struct doc_slot *s = &g->slots[i];

		if (n->kind == FDEF_GROUP)
			rules_walk(r, s->grp);
		else if (n->kind == FDEF_REPEAT)
			for (size_t j = 0; j < s->ninst; j++)
				rules_walk(r, s->inst[j]);
	}
}

struct rules_print {
	const struct fdef_node *node;
	struct sbuf *sb;
};

/* Append one holder's value to a fingerprint. */
static void
rules_print_cb(void *arg, const struct doc_group *h)
{
	struct rules_print *p = arg;
	char *v = doc_format_value(p->node, &doc_slot(h, p->node)->val);

	/* Plain appends: this runs for every holder of every item read. */
	if (p->sb->len)
		sbuf_addc(p->sb, '|');
	sbuf_adds(p->sb, v);
	free(v);
}

/* The values a check read in one instance of its scope, as one string:
 * an acceptance holds while this stays the same. Caller frees. */
char *
rules_fingerprint(const struct doc *d, const struct fdef_check *c,
                  const struct doc_group *scope)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < c->nreads; i++) {
		const struct fdef_node *n = c->reads[i];
		const struct doc_group *h;

		if (n->kind != FDEF_ITEM)
			continue;
		h = doc_holder(scope, n);
		if (h != NULL) {
			char *v = doc_format_value(n, doc_effective(d, h, n));

			if (sb.len)
				sbuf_addc(&sb, '|');
			sbuf_adds(&sb, v);
			free(v);
		} else {
			struct rules_print p = {n, &sb};

			rules_each_holder(d, scope, n, rules_print_cb, &p);
		}
	}
	return sbuf_detach(&sb);
}

/* Start a run of checks over d. Release with rules_shared_fini(). */
void
rules_shared_init(struct rules_shared *sh, const struct doc *d)
{
	sh->d = d;
	sh->log.rows = NULL;
	sh->log.n = 0;
	sh->have_log = false;
	sh->lent = false;
}

/* Free what the checks of a run shared. */
void
rules_shared_fini(struct rules_shared *sh)
{
	if (sh->have_log && !sh->lent)
		resolve_log_fini(&sh->log);
	sh->have_log = false;
}

/* Let the checks of a run use log, the change log of the same document
 * resolved before (nothing it depends on changed since); borrowed. */
void
rules_shared_lend(struct rules_shared *sh, const struct resolve_log *log)
{
	sh->log = *log;
	sh->have_log = true;
	sh->lent = true;
}

/* Take the change log a check of the run resolved into out (the caller
 * frees it with resolve_log_fini()); false when none did. */
bool
rules_shared_take(struct rules_shared *sh, struct resolve_log *out)
{
	if (!sh->have_log || sh->lent)
		return false;
	*out = sh->log;
	sh->have_log = false;
	return true;
}

/* Run one check of the form over the document of a run; findings go to
 * report. */
void
rules_run(struct rules_shared *sh, const struct fdef_check *c,
          rules_report_fn report, void *arg)
{
	struct rules_run r = {sh->d, c, report, arg, NULL, sh};

	rules_walk(&r, sh->d->root);
}

/* Run one check of the form over instance g of the document of a run and
 * what lies in it (a partial check); findings go to report. */
void
rules_run_in(struct rules_shared *sh, const struct fdef_check *c,
             const struct doc_group *g, rules_report_fn report, void *arg)
{
	struct rules_run r = {sh->d, c, report, arg, NULL, sh};

	rules_walk(&r, g);
}

/* Mark in named (by node id) the items that rows of the change log name
 * for sure, when a check of the run resolved the log (the items whose
 * values X20 compares with the log). */
void
rules_log_named(const struct rules_shared *sh, unsigned char *named)
{
	if (!sh->have_log)
		return;
	for (size_t i = 0; i < sh->log.n; i++) {
		const struct resolve_result *res = &sh->log.rows[i];

		if (res->status != RESOLVE_SURE)
			continue;
		for (size_t k = 0; k < res->n; k++)
			named[res->t[k].node->id] = 1;
	}
}
