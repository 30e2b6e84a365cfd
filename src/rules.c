#include <config.h>
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "jtext.h"
#include "resolve.h"
#include "review.h"
#include "sbuf.h"
#include "utf8.h"
#include "wareki.h"
#include "xalloc.h"

struct rules_run {
	const struct doc *d;
	const struct fdef_check *c;
	rules_report_fn report;
	void *arg;
	const struct doc_group *scope; /* the instance being checked */
	struct resolve_log log;        /* the change log, resolved once */
	bool have_log;
};

/* The first string of an item's effective value seen from g, or "". */
static const char *
rules_str(const struct doc *d, const struct doc_group *g,
          const struct fdef_node *n)
{
	const struct doc_value *v = doc_effective(d, g, n);

	return v->n > 0 ? v->v[0] : "";
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
	struct sbuf sb;

	sbuf_init(&sb);
	for (const char *p = tmpl; *p;) {
		bool done = false;

		for (size_t i = 0; i < 4; i++) {
			size_t n = strlen(names[i]);

			if (strncmp(p, names[i], n) == 0) {
				/* A value of several lines (checked boxes)
				 * reads as one list in the message. */
				for (const char *v = vals[i] ? vals[i] : ""; *v;
				     v++) {
					if (*v == '\n')
						sbuf_adds(&sb, "、");
					else if (*v != '\r')
						sbuf_addc(&sb, *v);
				}
				p += n;
				done = true;
				break;
			}
		}
		if (!done)
			sbuf_addc(&sb, *p++);
	}
	return sbuf_detach(&sb);
}

/* Report a finding of the current check at node, seen from instance g. */
static void
rules_say(struct rules_run *r, const struct doc_group *g,
          const struct fdef_node *at, const char *value, const char *other,
          const char *expected, const char *detail)
{
	const struct doc_group *h = doc_holder(g, at);
	char *msg = rules_fill(r->c->message, value, other, expected, detail);

	if (h != NULL)
		r->report(r->arg, r->c, r->scope, h, at, msg);
	free(msg);
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

		if (k->kind == FDEF_GROUP)
			rules_each_holder(d, s->grp, node, fn, arg);
		else if (k->kind == FDEF_REPEAT)
			for (size_t j = 0; j < s->ninst; j++)
				rules_each_holder(d, s->inst[j], node, fn, arg);
	}
}

struct rules_any {
	const struct doc *d;
	const struct fdef_node *node;
	char **words;
	size_t nwords;
	const char *value;
	bool found;
	const char *hit;
};

/* Note whether a holder's value is one of the words (or equals value). */
static void
rules_any_cb(void *arg, const struct doc_group *h)
{
	struct rules_any *a = arg;
	const struct doc_value *v = &doc_slot(h, a->node)->val;

	for (size_t i = 0; i < v->n; i++) {
		for (size_t k = 0; k < a->nwords; k++)
			if (strcmp(v->v[i], a->words[k]) == 0) {
				a->found = true;
				a->hit = v->v[i];
			}
		if (a->value != NULL && strcmp(v->v[i], a->value) == 0) {
			a->found = true;
			a->hit = v->v[i];
		}
	}
}

/* The threshold rule (しきい値判断): what the numbers require, compared
 * with the chosen result, with the computation in the message. */
static void
rules_threshold(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_check *c = r->c;
	const struct fdef_node *target = c->nodes[0], *result = c->nodes[1];
	const char *tv = rules_str(r->d, g, target);
	const char *rv = rules_str(r->d, g, result);
	long t = fdef_option_index(target, tv),
	     res = fdef_option_index(result, rv);
	struct rules_any big = {r->d, NULL,  c->words, c->nwords,
	                        NULL, false, NULL};
	struct rules_any inc = {r->d,     c->nodes[2], NULL, 0,
	                        c->value, false,       NULL};
	long want;
	char *detail;

	if (t < 0 || res < 0 || result->noptions < 3)
		return;
	for (size_t i = 3; i < c->nnodes; i++) {
		big.node = c->nodes[i];
		rules_each_holder(r->d, r->d->root, c->nodes[i], rules_any_cb,
		                  &big);
	}
	rules_each_holder(r->d, r->d->root, c->nodes[2], rules_any_cb, &inc);
	/* 指針 第5の2: by 対象人数, 取扱者数 (500 or more, including the
	 * contractors' staff) and a recent 重大事故. */
	switch (t) {
	case 0:
		want = 2;
		break;
	case 1:
		want = 1;
		break;
	case 2:
		want = big.found || inc.found ? 0 : 1;
		break;
	default:
		want = big.found || inc.found ? -1 : 0;
		break;
	}
	/* L10N: the reasoning of the threshold rule, filled into its message.
	 */
	detail = xasprintf(
	        _("the number of people \"%s\", %s, %s"), tv,
	        big.found ? _("500 or more people handle the file")
	                  : _("fewer than 500 people handle the file"),
	        inc.found ? _("a serious incident was reported (III-7-②)")
	                  : _("no serious incident (III-7-②)"));
	if (want < 0) {
		rules_say(r, g, result, rv, tv,
		          _("a full assessment (全項目評価), not this form"),
		          detail);
	} else if (want != res && !(want == 1 && res == 0) &&
	           !(want == 2 && res != 2)) {
		rules_say(r, g, result, rv, tv, result->options[want], detail);
	} else if (want != res) {
		/* A voluntary 重点項目評価 is legitimate; say so only when the
		 * chosen result claims a duty the numbers do not give. */
		if (res < want)
			rules_say(r, g, result, rv, tv, result->options[want],
			          detail);
	}
	free(detail);
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
	else if (strncmp(p, "\xe2\x91", 2) == 0 &&
	         (unsigned char)p[2] >= 0xa0 && (unsigned char)p[2] <= 0xb3)
		p += 3;
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

	if (text[0] == '\0' || h == NULL)
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
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&names, "%s%s", i ? "、" : "",
		          rules_str(r->d, doc_slot(h, over)->inst[i], item));
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

/* Today's date, or HYOKA_TODAY (YYYY-MM-DD) for tests. */
static void
rules_today(int *y, int *m, int *d)
{
	const char *env = getenv("HYOKA_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && sscanf(env, "%d-%d-%d", y, m, d) == 3)
		return;
	localtime_r(&now, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
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

/* The core of a name: up to the first note, bracket or ※ (標準システム
 * names carry explanations). Caller frees. */
static char *
rules_core_name(const char *name)
{
	char *t = rules_squeeze(name);
	static const char *const stops[] = {"(", "（", "※", "「", NULL};

	for (size_t i = 0; stops[i] != NULL; i++) {
		char *p = strstr(t, stops[i]);

		if (p != NULL && p != t)
			*p = '\0';
	}
	return t;
}

/* Tell whether block b connects to a system named `name` through a
 * checked member (宛名システム等 for 団体内統合宛名システム). */
static bool
rules_names_by_member(struct rules_run *r, const struct doc_group *b,
                      const char *name)
{
	const struct doc_value *v;

	if (r->c->nnodes < 4)
		return false;
	v = doc_effective(r->d, b, r->c->nodes[3]);
	for (size_t i = 0; i < v->n; i++) {
		char *m = rules_squeeze(v->v[i]);
		size_t len = strlen(m);
		bool hit;

		/* "…等" means "and the like": match its stem. */
		if (len > 3 && strcmp(m + len - 3, "等") == 0)
			m[len - 3] = '\0';
		hit = strlen(m) >= 6 && strstr(name, m) != NULL;
		free(m);
		if (hit)
			return true;
	}
	return false;
}

/* Two systems that name each other: when system A's その他 text names
 * system B, B's その他 text should name A (X15). */
static void
rules_reciprocal(struct rules_run *r, const struct doc_group *g)
{
	const struct fdef_node *over = r->c->nodes[0];
	const struct fdef_node *name = r->c->nodes[1];
	const struct fdef_node *text = r->c->nodes[2];
	const struct doc_group *h = doc_holder(g, over);
	const struct doc_slot *s;

	if (h == NULL)
		return;
	s = doc_slot(h, over);
	for (size_t a = 0; a < s->ninst; a++) {
		char *ta = rules_squeeze(rules_str(r->d, s->inst[a], text));
		char *na = rules_core_name(rules_str(r->d, s->inst[a], name));

		for (size_t b = 0; b < s->ninst && ta[0] && na[0]; b++) {
			char *nb, *tb;

			if (a == b)
				continue;
			nb = rules_core_name(rules_str(r->d, s->inst[b], name));
			tb = rules_squeeze(rules_str(r->d, s->inst[b], text));
			if (nb[0] != '\0' && strstr(ta, nb) != NULL &&
			    strstr(tb, na) == NULL &&
			    !rules_names_by_member(r, s->inst[b], na))
				rules_say(r, s->inst[b], text, nb, na, NULL,
				          NULL);
			free(nb);
			free(tb);
		}
		free(ta);
		free(na);
	}
}

/* The change log resolved (each row's 項目 through the resolver), once
 * per run of a check. Borrowed. */
static const struct resolve_log *
rules_log(struct rules_run *r)
{
	if (!r->have_log) {
		resolve_log(r->d, &r->log);
		r->have_log = true;
	}
	return &r->log;
}

/* What one row of the change log names, or NULL. Borrowed. */
static const struct resolve_result *
rules_row(struct rules_run *r, const struct doc_group *row)
{
	const struct resolve_log *log = rules_log(r);

	return row->index < log->n ? &log->rows[row->index] : NULL;
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
		r->report(r->arg, r->c, g, h, at, msg);
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

		if (strcmp(timing, "事後") == 0 && reason[0] == '\0' &&
		    res != NULL && rules_row_important(res))
			rules_say(r, g, c->nodes[1], item, NULL, NULL,
			          res->reason);
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

		if (t[0] != '\0' && res != NULL && res->status != RESOLVE_SURE)
			rules_say(r, g, c->at, t, NULL, NULL, res->reason);
		break;
	}
	case CK_CHANGE_CURRENT:
		rules_change_current(r, g);
		break;
	case CK_CHANGE_BASELINE:
		rules_change_baseline(r, g);
		break;
	case CK_REMINDER: {
		const char *t = rules_str(r->d, g, c->nodes[0]);
		struct wareki_date wd;
		int y, m, dd, ty, tm, td;

		if (!wareki_parse(t, true, &wd, NULL) ||
		    !wareki_to_gregorian(&wd, &y, &m, &dd))
			break;
		rules_today(&ty, &tm, &td);
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

	sbuf_addf(p->sb, "%s%s", p->sb->len ? "|" : "", v);
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

			sbuf_addf(&sb, "%s%s", sb.len ? "|" : "", v);
			free(v);
		} else {
			struct rules_print p = {n, &sb};

			rules_each_holder(d, scope, n, rules_print_cb, &p);
		}
	}
	return sbuf_detach(&sb);
}

/* Run one check of the form over a document; findings go to report. */
void
rules_run(const struct doc *d, const struct fdef_check *c,
          rules_report_fn report, void *arg)
{
	struct rules_run r = {d, c, report, arg, NULL, {NULL, 0}, false};

	rules_walk(&r, d->root);
	if (r.have_log)
		resolve_log_fini(&r.log);
}
