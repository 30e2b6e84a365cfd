#include <config.h>
#include "resolve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jtext.h"
#include "name.h"
#include "refname.h"
#include "sbuf.h"
#include "utf8.h"
#include "umemo.h"
#include "ustr.h"
#include "xalloc.h"

#define RESOLVE_MAX_CPS   300  /* characters of a reference that are read */
#define RESOLVE_MAX_IDX   64   /* files or blocks one reference names */
#define RESOLVE_MAX_TOK   32   /* designators in one reference */
#define RESOLVE_MAX_ALT   6    /* readings named in an "ambiguous" reason */
#define RESOLVE_MAX_VALUE 8192 /* bytes of a value read for checkboxes */

/* What a reading costs (lower is better): see resolve_score(). */
enum {
	COST_LEAD = 2,       /* a character no name of the item explains */
	COST_TRAIL = 5,      /* ... after the item's own label */
	COST_ABBR = 1,       /* a character of the label left out */
	COST_TITLE = 3,      /* a wrong section number with the right title */
	COST_NUMBER = 12,    /* a wrong section number */
	COST_CIRCLED = 15,   /* another ①..⑳ than the item's */
	COST_NOCIRCLED = 10, /* a ①..⑳ for an item without one */
	COST_RISK = 6,       /* リスクn outside the numbered risks */
	MARGIN = 4,          /* readings closer than this both fit */
	MAX_JUNK = 2,        /* unexplained characters a short form may have */
};

enum rword_kind {
	W_BLOCK, /* システム, 委託事項 ...: the instance word of a repeat */
	W_RISK, /* リスク: a numbered part of a ref (III-3-リスク1-...) */
	W_FILE, /* 特定個人情報ファイル: the instance word of the files */
};

/* A word that a number follows: システム3, リスク1. */
struct rword {
	struct ustr w;
	enum rword_kind kind;
	const struct fdef_node *repeat; /* W_BLOCK */
};

/* A part of the form: 表紙, I, II, 別添1, III, IV, V. */
struct rpart {
	const struct fdef_node *n;
	struct ustr code;  /* folded ref: ii, 表紙, 別添1 */
	bool roman;        /* code is a roman numeral */
	struct ustr title; /* folded title without code and ※ note */
	bool per_file;     /* one copy per 特定個人情報ファイル */
};

/* What the form says about one node, or about a printed heading over
 * some items (a risk, a row group), prepared for matching. */
struct rnode {
	const struct fdef_node *n;     /* a heading: its first item */
	const struct fdef_heading *hd; /* the heading this names, or NULL */
	int part;                      /* index into parts */
	const struct fdef_node *sec;   /* section: the child of the part */
	int sec_num;                   /* its number (I-4 = 4), 0 if none */
	const struct fdef_node *block; /* enclosing repeat below the part */
	int block_word;                /* word of block, -1 if none */
	int risk;          /* n of リスクn in its ref, 0 if none */
	bool risks;        /* its section numbers its risks (III-3, III-6) */
	int circ;          /* its own ①..⑳, 0 if none */
	int fam;           /* ①..⑳ of the item it belongs to */
	bool block_name;   /* the name of its block (委託事項*) */
	struct ustr label; /* folded label: no ①, ※, "n." */
	struct ustr alt;   /* short name from the ref, or empty */
	struct ustr head; /* label of the item it belongs to (④ of 主な…) */
	struct ustr over;  /* the printed heading over it (リスク1:…) */
	struct ustr prev;  /* label of the item before it under its heading */
	struct ustr title; /* folded title of its section */
};

/* One 特定個人情報ファイル of the document and its names. */
struct rfile {
	struct ustr *names;
	size_t nnames;
};

/* The reading of the previous reference. */
struct rctx {
	bool valid;
	const struct rnode *rn;
	size_t files[RESOLVE_MAX_IDX];
	size_t nfiles;
	size_t blocks[RESOLVE_MAX_IDX];
	size_t nblocks;
};

struct resolve {
	const struct doc *d;
	struct rpart *parts;
	size_t nparts;
	struct rnode *nodes;
	size_t nnodes;
	struct rword *words;
	size_t nwords;
	const struct fdef_node *files_node;
	struct rfile *files;
	size_t nfiles;
	struct rctx ctx;
	struct ustr_scratch scratch; /* of ustr_runs() */
	struct umemo memo;           /* file names and scores read before */
	uint32_t *key; /* the memo key being asked (resolve_memo_key) */
	size_t keycap;
	struct rcand *cands; /* the readings of one reference (nnodes + 1) */
};

/* Designators found in a reference. */
struct rblock {
	int word;
	int a, b;
};

struct rparse {
	uint32_t *f; /* the folded reference */
	size_t nf;
	uint32_t *t; /* its text pieces joined */
	size_t nt;
	int part;  /* index of a part named by numeral or code, or -1 */
	bool lost; /* "- 4 …": a numeral lost */
	int num;   /* section number, 0 if none */
	int circ;  /* ①..⑳, 0 if none */
	struct rblock blocks[RESOLVE_MAX_TOK];
	size_t nblocks;
	size_t files[RESOLVE_MAX_IDX];  /* 1-based, as written */
	size_t byname[RESOLVE_MAX_IDX]; /* the file its name matches, or 0 */
	size_t nfiles;
	bool any_num;     /* a section number was taken */
	size_t part_end;  /* where the text after the part begins */
	size_t note;      /* where a final "(…)" begins in t, or 0 */
	char bad_part[8]; /* a numeral that names no part (VI), or "" */
};

/* A reading of a reference as one form node. */
struct rcand {
	const struct rnode *rn;
	int cost;
	bool structural; /* named by number, not by label */
	bool num_wrong;  /* the section number is another's */
	bool title_kept; /* ... but its title is this one's */
	bool confirmed;  /* number and title agree, nothing else wrong */
	bool whole;      /* the text holds the item's whole label */
	int unexplained; /* characters of the text no name explains */
};

/* Add a word that numbers follow, once. */
static void
resolve_add_word(struct resolve *r, const char *word, enum rword_kind kind,
                 const struct fdef_node *repeat)
{
	struct ustr w;

	ustr_fold(word, &w);
	if (w.n == 0) {
		ustr_free(&w);
		return;
	}
	for (size_t i = 0; i < r->nwords; i++)
		if (r->words[i].w.n == w.n &&
		    memcmp(r->words[i].w.s, w.s, w.n * sizeof *w.s) == 0) {
			ustr_free(&w);
			return;
		}
	r->words = xreallocarray(r->words, r->nwords + 1, sizeof *r->words);
	r->words[r->nwords].w = w;
	r->words[r->nwords].kind = kind;
	r->words[r->nwords].repeat = repeat;
	r->nwords++;
}

/* Tell whether s is made of the letters of a roman numeral. No memory. */
static bool
resolve_is_roman(const struct ustr *s)
{
	if (s->n == 0)
		return false;
	for (size_t i = 0; i < s->n; i++)
		if (s->s[i] != 'i' && s->s[i] != 'v' && s->s[i] != 'x')
			return false;
	return true;
}

/* Add a part of the form. */
static void
resolve_add_part(struct resolve *r, const struct fdef_node *n, bool per_file)
{
	struct rpart *p;

	r->parts = xreallocarray(r->parts, r->nparts + 1, sizeof *r->parts);
	p = &r->parts[r->nparts++];
	p->n = n;
	p->per_file = per_file;
	ustr_fold(refname_local(n), &p->code);
	p->roman = resolve_is_roman(&p->code);
	ustr_clean(n->title ? n->title : n->label, NULL, NULL, &p->title);
	/* "II特定個人情報ファイルの概要", "(別添1)特定個人…": drop the code. */
	if (ustr_at(p->title.s, p->title.n, 0, &p->code) &&
	    p->title.n > p->code.n)
		ustr_cut(&p->title, 0, p->code.n);
	else if (p->title.n > p->code.n + 2 && p->title.s[0] == '(' &&
	         ustr_at(p->title.s, p->title.n, 1, &p->code) &&
	         p->title.s[p->code.n + 1] == ')')
		ustr_cut(&p->title, 0, p->code.n + 2);
}

/* Find the item whose local ref is ref, in the same part. NULL if none. */
static const struct fdef_node *
resolve_by_ref(const struct fdef *fd, const char *ref)
{
	for (size_t i = 0; i < fd->nall; i++)
		if (fd->all[i]->kind == FDEF_ITEM &&
		    strcmp(refname_local(fd->all[i]), ref) == 0)
			return fd->all[i];
	return NULL;
}

/* Fill in what a ref (without its file prefix) says: risk and ①..⑳; for
 * an item also its short name and the item it belongs to. */
static void
resolve_read_ref(struct resolve *r, struct rnode *rn, const char *ref)
{
	size_t nc;
	char **comps = refname_split(ref, &nc);
	const char *last = comps[nc - 1];
	bool item = rn->n->kind == FDEF_ITEM && rn->hd == NULL;

	for (size_t i = 1; i < nc; i++) {
		const char *c = comps[i];
		size_t len = strlen(c);
		size_t k = len;

		while (k > 0 && c[k - 1] >= '0' && c[k - 1] <= '9')
			k--;
		if (k > 0 && k < len && strchr(c, '*') == NULL) {
			char *word = xstrndup(c, k);

			resolve_add_word(r, word, W_RISK, NULL);
			rn->risk = atoi(c + k);
			free(word);
		}
		if (refname_circled(c) != 0 && i + 1 < nc)
			rn->fam = refname_circled(c);
	}
	if (refname_circled(last) != 0 && rn->circ == 0)
		rn->circ = refname_circled(last);
	if (nc >= 2 && item && refname_circled(last) == 0 &&
	    refname_number(last) == 0 && strchr(last, '*') == NULL) {
		struct ustr alt;

		ustr_clean(last, NULL, NULL, &alt);
		if (alt.n != rn->label.n ||
		    memcmp(alt.s, rn->label.s, alt.n * sizeof *alt.s) != 0)
			rn->alt = alt;
		else
			ustr_free(&alt);
	}
	if (nc >= 3 && item) {
		char *up = xstrndup(ref, strlen(ref) - strlen(last) - 1);
		const struct fdef_node *h = resolve_by_ref(r->d->fd, up);

		if (h != NULL && h != rn->n)
			ustr_clean(h->label, NULL, NULL, &rn->head);
		free(up);
	}
	refname_free_split(comps);
}

/* Append a node for n in its part, section and block. Borrowed: valid
 * until the next node is added. */
static struct rnode *
resolve_append(struct resolve *r, const struct fdef_node *n, int part,
               const struct fdef_node *sec, const struct fdef_node *block)
{
	struct rnode *rn;

	r->nodes = xreallocarray(r->nodes, r->nnodes + 1, sizeof *r->nodes);
	rn = &r->nodes[r->nnodes++];
	memset(rn, 0, sizeof *rn);
	rn->n = n;
	rn->part = part;
	rn->sec = sec;
	rn->block = block;
	rn->block_word = -1;
	if (sec != NULL) {
		size_t nc;
		char **comps = refname_split(refname_local(sec), &nc);

		rn->sec_num = nc >= 2 ? refname_number(comps[1]) : 0;
		refname_free_split(comps);
		if (sec != n)
			ustr_clean(sec->title ? sec->title : sec->label, NULL,
			           NULL, &rn->title);
	}
	return rn;
}

/* The items under heading h in the form version of the document. No
 * memory. */
static size_t
resolve_heading_items(const struct resolve *r, const struct fdef_heading *h)
{
	const struct fdef_node *p = h->first->parent;
	size_t count = 0;

	for (size_t i = 0; i < p->nkids; i++)
		count += p->kids[i]->heading == h &&
		         fdef_in_version(p->kids[i], r->d->version);
	return count;
}

/* Add a printed heading over two or more items (a risk, a row group) as
 * something a reference may name: its statement without the "リスク1:"
 * its reference has, its ①..⑳ and its risk number. first: its first
 * item in the version. */
static void
resolve_add_heading(struct resolve *r, const struct fdef_heading *h,
                    const struct fdef_node *first, int part,
                    const struct fdef_node *sec, const struct fdef_node *block)
{
	struct rnode *rn = resolve_append(r, first, part, sec, block);
	const char *ref = h->ref ? h->ref : "";
	const char *colon = strchr(ref, ':');
	const char *dash = strrchr(ref, '-');
	struct ustr code;

	rn->hd = h;
	ustr_clean(h->label, NULL, &rn->circ, &rn->label);
	ustr_fold(dash ? dash + 1 : "", &code);
	if (code.n > 0 && code.n < rn->label.n &&
	    ustr_at(rn->label.s, rn->label.n, 0, &code) &&
	    rn->label.s[code.n] == ':')
		ustr_cut(&rn->label, 0, code.n + 1);
	ustr_free(&code);
	resolve_read_ref(r, rn, colon ? colon + 1 : ref);
}

/* Add a node of a part and, below it, every node it holds. */
static void
resolve_add_node(struct resolve *r, const struct fdef_node *n, int part,
                 const struct fdef_node *sec, const struct fdef_node *block)
{
	struct rnode *rn;

	if (!fdef_in_version(n, r->d->version))
		return;
	rn = resolve_append(r, n, part, sec, block);
	if (sec == NULL && block == NULL) {
		/* The part itself: its title without the numeral. */
		const struct ustr *t = &r->parts[part].title;

		rn->label.s = xcalloc(t->n + 1, sizeof *t->s);
		memcpy(rn->label.s, t->s, t->n * sizeof *t->s);
		rn->label.n = t->n;
	} else {
		ustr_clean(n->kind == FDEF_ITEM || n->title == NULL ? n->label
		                                                    : n->title,
		           NULL, &rn->circ, &rn->label);
	}
	if (block != NULL && n->kind == FDEF_ITEM && fdef_names_block(n))
		rn->block_name = true;
	resolve_read_ref(r, rn, refname_local(n));
	if (n->heading != NULL)
		ustr_clean(n->heading->label, NULL, NULL, &rn->over);
	if (n->kind == FDEF_ITEM && n->index > 0) {
		const struct fdef_node *p = n->parent->kids[n->index - 1];

		/* ユーザ認証の管理 具体的な管理方法: under one heading. */
		if (p->kind == FDEF_ITEM && p->companion_of == NULL &&
		    p->heading == n->heading)
			ustr_clean(p->label, NULL, NULL, &rn->prev);
	}
	if (n->kind == FDEF_ITEM)
		return;
	{
		const struct fdef_node *inner =
		        n->kind == FDEF_REPEAT ? n : block;
		char *word = n->kind == FDEF_REPEAT ? refname_instance_word(n)
		                                    : NULL;

		if (word != NULL) {
			resolve_add_word(r, word, W_BLOCK, n);
			free(word);
		}
		const struct fdef_heading *last = NULL;

		for (size_t i = 0; i < n->nkids; i++) {
			const struct fdef_node *k = n->kids[i];
			const struct fdef_node *ksec = sec != NULL ? sec : k;

			if (k->heading != NULL && k->heading != last &&
			    fdef_in_version(k, r->d->version)) {
				last = k->heading;
				if (resolve_heading_items(r, last) > 1)
					resolve_add_heading(r, last, k, part,
					                    ksec, inner);
			}
			resolve_add_node(r, k, part, ksec, inner);
		}
	}
}

/* Read the document's files: each name the form gives it (the first line
 * item and the items with the same label: II-1 and III-1). */
static void
resolve_read_files(struct resolve *r)
{
	const struct doc_slot *s;
	const struct fdef_node *first = NULL;

	if (r->files_node == NULL)
		return;
	for (size_t i = 0; i < r->d->fd->nall && first == NULL; i++) {
		const struct fdef_node *n = r->d->fd->all[i];

		if (n->kind == FDEF_ITEM && n->type == FT_LINE &&
		    strncmp(n->path, r->files_node->path,
		            strlen(r->files_node->path)) == 0)
			first = n;
	}
	s = doc_slot(r->d->root, r->files_node);
	r->nfiles = s->ninst;
	r->files = xcalloc(s->ninst + 1, sizeof *r->files);
	for (size_t f = 0; f < s->ninst && first != NULL; f++) {
		for (size_t i = 0; i < r->d->fd->nall; i++) {
			const struct fdef_node *n = r->d->fd->all[i];
			const struct doc_group *h;
			const struct doc_value *v;
			struct rfile *rf = &r->files[f];

			if (n->kind != FDEF_ITEM ||
			    strcmp(n->label, first->label) != 0)
				continue;
			h = doc_holder(s->inst[f], n);
			v = h != NULL ? &doc_slot(h, n)->val : NULL;
			if (v == NULL || v->n == 0 || v->v[0][0] == '\0')
				continue;
			rf->names = xreallocarray(rf->names, rf->nnames + 1,
			                          sizeof *rf->names);
			ustr_fold(v->v[0], &rf->names[rf->nnames]);
			/* A name is read as far as a reference is. */
			if (rf->names[rf->nnames].n > RESOLVE_MAX_CPS)
				rf->names[rf->nnames].n = RESOLVE_MAX_CPS;
			rf->nnames++;
		}
	}
}

/* Prepare a resolver for a document. Caller frees with resolve_free(). */
struct resolve *
resolve_new(const struct doc *d)
{
	struct resolve *r = xcalloc(1, sizeof *r);
	const struct fdef_node *root = d->fd->root;

	r->d = d;
	for (size_t i = 0; i < root->nkids; i++) {
		const struct fdef_node *k = root->kids[i];

		if (k->kind == FDEF_GROUP) {
			resolve_add_part(r, k, false);
		} else if (k->kind == FDEF_REPEAT && k->nkids > 0 &&
		           k->kids[0]->kind == FDEF_GROUP &&
		           r->files_node == NULL) {
			char *word = refname_instance_word(k);

			r->files_node = k;
			if (word != NULL)
				resolve_add_word(r, word, W_FILE, k);
			free(word);
			for (size_t j = 0; j < k->nkids; j++)
				if (k->kids[j]->kind == FDEF_GROUP)
					resolve_add_part(r, k->kids[j], true);
		}
	}
	for (size_t p = 0; p < r->nparts; p++) {
		const struct fdef_node *pn = r->parts[p].n;

		resolve_add_node(r, pn, (int)p, NULL, NULL);
		/* The part itself has no section. */
	}
	/* A section with リスク1 and リスク2 has no リスク3. */
	for (size_t i = 0; i < r->nnodes; i++)
		for (size_t k = 0; k < r->nnodes && r->nodes[i].risk != 0; k++)
			if (r->nodes[k].sec == r->nodes[i].sec)
				r->nodes[k].risks = true;
	for (size_t i = 0; i < r->nnodes; i++) {
		struct rnode *rn = &r->nodes[i];

		if (rn->block == NULL)
			continue;
		for (size_t w = 0; w < r->nwords; w++)
			if (r->words[w].repeat == rn->block)
				rn->block_word = (int)w;
	}
	resolve_read_files(r);
	return r;
}

/* Free a resolver and set *r to NULL. */
void
resolve_free(struct resolve **rp)
{
	struct resolve *r = *rp;

	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nparts; i++) {
		ustr_free(&r->parts[i].code);
		ustr_free(&r->parts[i].title);
	}
	for (size_t i = 0; i < r->nnodes; i++) {
		struct rnode *rn = &r->nodes[i];

		ustr_free(&rn->label);
		ustr_free(&rn->alt);
		ustr_free(&rn->head);
		ustr_free(&rn->over);
		ustr_free(&rn->prev);
		ustr_free(&rn->title);
	}
	for (size_t i = 0; i < r->nwords; i++)
		ustr_free(&r->words[i].w);
	for (size_t f = 0; f < r->nfiles; f++) {
		for (size_t k = 0; k < r->files[f].nnames; k++)
			ustr_free(&r->files[f].names[k]);
		free(r->files[f].names);
	}
	free(r->files);
	free(r->parts);
	free(r->nodes);
	free(r->words);
	ustr_scratch_fini(&r->scratch);
	umemo_fini(&r->memo);
	free(r->key);
	free(r->cands);
	free(r);
	*rp = NULL;
}

/* Forget the context of the previous reference. No memory. */
void
resolve_forget(struct resolve *r)
{
	r->ctx.valid = false;
}

/* Tell whether the folded text ends, at offset end, with word w; returns
 * its start or (size_t)-1. No memory. */
static size_t
resolve_word_before(const uint32_t *f, size_t from, size_t end,
                    const struct ustr *w)
{
	if (end < from + w->n)
		return (size_t)-1;
	return ustr_at(f, end, end - w->n, w) ? end - w->n : (size_t)-1;
}

/* Read a number at f[*i]; moves *i past it. No memory. */
static int
resolve_number(const uint32_t *f, size_t n, size_t *i)
{
	int v = 0;

	while (*i < n && ustr_digit(f[*i])) {
		if (v < 10000)
			v = v * 10 + (int)(f[*i] - '0');
		(*i)++;
	}
	return v;
}

/* Find which file a text at f[from..to) begins with by name (see
 * resolve_file_name), without remembering. */
static size_t
resolve_file_name_read(struct resolve *r, const uint32_t *f, size_t from,
                       size_t to, size_t prefer, size_t *end)
{
	size_t best = 0, best_end = from;
	double best_score = 0;
	int *a2b;

	if (to <= from)
		return 0;
	a2b = xcalloc(to - from + 1, sizeof *a2b);
	for (size_t k = 0; k < r->nfiles; k++)
		for (size_t m = 0; m < r->files[k].nnames; m++) {
			const struct ustr *nm = &r->files[k].names[m];
			size_t got = ustr_runs(&r->scratch, f + from, to - from,
			                       nm->s, nm->n, a2b);
			double score = nm->n ? (double)got / (double)nm->n : 0;
			size_t e = from;

			/* The name begins the text. */
			if (to - from > 1 && a2b[0] < 0 && a2b[1] < 0)
				continue;
			for (size_t i = 0; i < to - from; i++)
				if (a2b[i] >= 0)
					e = from + i + 1;
			/* The index given wins a tie. */
			if (score > best_score + 1e-9 ||
			    (score > best_score - 1e-9 && k + 1 == prefer)) {
				best_score = score;
				best = k + 1;
				best_end = e;
			}
		}
	/* A section's title that the text matches as well is no file. */
	for (size_t i = 0; i < r->nnodes && best_score >= 0.6; i++) {
		const struct rnode *rn = &r->nodes[i];
		size_t got;

		if (rn->sec != rn->n || rn->label.n == 0)
			continue;
		got = ustr_runs(&r->scratch, f + from, to - from, rn->label.s,
		                rn->label.n, a2b);
		if ((double)got / (double)rn->label.n >= best_score)
			best_score = 0;
	}
	free(a2b);
	if (best_score < 0.6)
		return 0;
	*end = best_end;
	return best;
}

/* A memo key: kind, the words in head (nhead of them), then the code
 * points of t (nt). Memory: the resolver's (valid until the next key). */
static uint32_t *
resolve_memo_key(struct resolve *r, uint32_t kind, const uint32_t *head,
                 size_t nhead, const uint32_t *t, size_t nt, size_t *n)
{
	uint32_t *key;

	if (r->keycap < 1 + nhead + nt) {
		r->keycap = 2 * (1 + nhead + nt);
		r->key = xreallocarray(r->key, r->keycap, sizeof *r->key);
	}
	key = r->key;
	key[0] = kind;
	memcpy(key + 1, head, nhead * sizeof *key);
	memcpy(key + 1 + nhead, t, nt * sizeof *key);
	*n = 1 + nhead + nt;
	return key;
}

/* Find which file a text at f[from..to) begins with by name: the file
 * whose name it matches best, with at least half of the name's characters.
 * *end gets where the name ends. Returns the 1-based file or 0. The answer
 * depends only on the text and prefer: remembered. */
static size_t
resolve_file_name(struct resolve *r, const uint32_t *f, size_t from, size_t to,
                  size_t prefer, size_t *end)
{
	uint32_t head[1] = {(uint32_t)prefer};
	size_t n, e = from;
	uint32_t *key;
	int v[UMEMO_VALUES] = {0};
	size_t best;

	if (to <= from)
		return 0;
	key = resolve_memo_key(r, 1, head, 1, f + from, to - from, &n);
	if (umemo_get(&r->memo, key, n, v)) {
		if (v[0] != 0)
			*end = from + (size_t)v[1];
		return (size_t)v[0];
	}
	best = resolve_file_name_read(r, f, from, to, prefer, &e);
	v[0] = (int)best;
	v[1] = (int)(e - from);
	umemo_put(&r->memo, key, n, v);
	if (best != 0)
		*end = e;
	return best;
}

/* The end of the text after "k." that may hold a file name: the next
 * parenthesis, "k." or ~. No memory. */
static size_t
resolve_name_end(const uint32_t *f, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++) {
		if (f[i] == '(' || f[i] == ')' || f[i] == '~')
			return i;
		if (ustr_digit(f[i]) && i + 1 < n &&
		    (f[i + 1] == '.' || ustr_digit(f[i + 1])) && i > from)
			return i;
	}
	return n;
}

/* Record a file the reference names (k, and the file its name matches). */
static void
resolve_add_file(struct rparse *p, size_t k, size_t byname)
{
	if (p->nfiles < RESOLVE_MAX_IDX) {
		p->files[p->nfiles] = k;
		p->byname[p->nfiles] = byname;
		p->nfiles++;
	}
}

/* Read "k.name" or "k.name~m.name" at f[*i] as files; false (and *i kept)
 * when it is not a file. Inside parentheses the name need not match. */
static bool
resolve_files_at(struct resolve *r, struct rparse *p, size_t *i, size_t to,
                 bool in_parens)
{
	size_t j = *i, end, k, byname;
	int a, b;

	if (r->files_node == NULL || j >= to || !ustr_digit(p->f[j]))
		return false;
	a = resolve_number(p->f, to, &j);
	if (j < to && p->f[j] == '.')
		j++;
	if (j < to && jtext_circled(p->f[j]) != 0)
		return false;
	end = resolve_name_end(p->f, to, j);
	byname = resolve_file_name(r, p->f, j, end, (size_t)a, &k);
	if (byname == 0 && !in_parens)
		return false;
	j = byname != 0 ? k : end;
	b = a;
	if (j + 1 < to && p->f[j] == '~' && ustr_digit(p->f[j + 1])) {
		size_t e2, k2;

		j++;
		b = resolve_number(p->f, to, &j);
		if (j < to && p->f[j] == '.')
			j++;
		e2 = resolve_name_end(p->f, to, j);
		if (resolve_file_name(r, p->f, j, e2, (size_t)b, &k2) != 0)
			j = k2;
		else
			j = in_parens ? e2 : j;
	}
	if (b < a || b - a >= RESOLVE_MAX_IDX)
		b = a;
	for (int x = a; x <= b; x++)
		resolve_add_file(p, (size_t)x, a == b ? byname : 0);
	*i = j;
	/* A list: "1.資格管理ファイル、2.資格状況履歴ファイル". */
	if (j + 1 < to && (p->f[j] == 0x3001 || p->f[j] == ',') &&
	    ustr_digit(p->f[j + 1])) {
		size_t next = j + 1;

		if (resolve_files_at(r, p, &next, to, in_parens))
			*i = next;
	}
	return true;
}

/* Read a block designator at f[*i] (its word ends there): システム3,
 * 提供先1~11, 提供先1~提供先3. */
static void
resolve_block_at(struct resolve *r, struct rparse *p, int word, size_t *i,
                 size_t to)
{
	int a = resolve_number(p->f, to, i), b = a;

	if (*i + 1 < to && p->f[*i] == '~') {
		size_t j = *i + 1;

		if (ustr_at(p->f, to, j, &r->words[word].w))
			j += r->words[word].w.n;
		if (j < to && ustr_digit(p->f[j])) {
			b = resolve_number(p->f, to, &j);
			*i = j;
		}
	}
	if (b < a || b - a >= RESOLVE_MAX_IDX)
		b = a;
	if (r->words[word].kind == W_FILE) {
		for (int x = a; x <= b; x++)
			resolve_add_file(p, (size_t)x, 0);
	} else if (p->nblocks < RESOLVE_MAX_TOK) {
		p->blocks[p->nblocks].word = word;
		p->blocks[p->nblocks].a = a;
		p->blocks[p->nblocks].b = b;
		p->nblocks++;
	}
}

/* Append f[from..to) to the text of the reference. */
static void
resolve_add_text(struct rparse *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		p->t[p->nt++] = p->f[i];
}

/* The word of the form that ends at f[end] within f[from..end), or -1;
 * *start gets where it begins. The longest wins. No memory. */
static int
resolve_word_end(const struct resolve *r, const struct rparse *p, size_t from,
                 size_t end, size_t *start)
{
	int best = -1;

	for (size_t w = 0; w < r->nwords; w++) {
		size_t s = resolve_word_before(p->f, from, end, &r->words[w].w);

		if (s != (size_t)-1 &&
		    (best < 0 || r->words[w].w.n > r->words[best].w.n)) {
			best = (int)w;
			*start = s;
		}
	}
	return best;
}

/* Read the part at the start of a reference: a roman numeral (not followed
 * by a letter), a code such as 表紙 or (別添1), or "-" for a lost
 * numeral. Returns where the rest begins. */
static size_t
resolve_part_at(struct resolve *r, struct rparse *p)
{
	size_t best_len = 0;

	for (size_t k = 0; k < r->nparts; k++) {
		const struct ustr *c = &r->parts[k].code;
		size_t at = 0, len;

		if (!r->parts[k].roman && p->nf > 0 && p->f[0] == '(')
			at = 1;
		if (!ustr_at(p->f, p->nf, at, c))
			continue;
		len = at + c->n;
		if (r->parts[k].roman && len < p->nf && p->f[len] >= 'a' &&
		    p->f[len] <= 'z')
			continue;
		if (at == 1) {
			if (len >= p->nf || p->f[len] != ')')
				continue;
			len++;
		}
		if (len > best_len) {
			best_len = len;
			p->part = (int)k;
		}
	}
	if (best_len == 0 && p->nf > 1 && p->f[0] == '-' &&
	    ustr_digit(p->f[1])) {
		p->lost = true;
		best_len = 1;
	}
	if (best_len == 0) {
		/* A numeral of a part the form does not have: VI-1. */
		size_t k = 0;

		while (k < p->nf && k < 6 &&
		       (p->f[k] == 'i' || p->f[k] == 'v' || p->f[k] == 'x'))
			k++;
		if (k > 0 && k < 6 &&
		    (k == p->nf || p->f[k] < 'a' || p->f[k] > 'z'))
			for (size_t j = 0; j < k; j++)
				p->bad_part[j] = (char)(p->f[j] - 'a' + 'A');
	}
	return best_len;
}

/* Tell whether a code point only separates the designators of a
 * reference. No memory. */
static bool
resolve_separator(uint32_t c)
{
	return c == '-' || c == ':' || c == '_' || c == '/' || c == '|' ||
	       c == '.' || c == '[' || c == ']' || c == '"' || c == '\'' ||
	       c == 0x300C || c == 0x300D || c == 0x300E || c == 0x300F ||
	       c == 0x2015 || c == 0x2014 || c == '~';
}

/* Read what is inside parentheses at f[from..to): files, a block, or
 * plain text (false). */
static bool
resolve_paren(struct resolve *r, struct rparse *p, size_t from, size_t to)
{
	size_t i = from, start;
	int w;

	if (resolve_files_at(r, p, &i, to, true))
		return true;
	while (i < to && !ustr_digit(p->f[i]))
		i++;
	if (i == from || i == to)
		return false;
	w = resolve_word_end(r, p, from, i, &start);
	if (w < 0 || start != from)
		return false;
	resolve_block_at(r, p, w, &i, to);
	return i == to;
}

/* Split a folded reference into designators and text. */
static void
resolve_parse(struct resolve *r, const char *text, struct rparse *p)
{
	struct ustr f;
	size_t i, seg;

	memset(p, 0, sizeof *p);
	ustr_fold(text, &f);
	if (f.n > RESOLVE_MAX_CPS)
		f.n = RESOLVE_MAX_CPS;
	p->f = f.s;
	p->nf = f.n;
	p->t = xcalloc(f.n + 1, sizeof *p->t);
	p->part = -1;
	i = p->part_end = resolve_part_at(r, p);
	seg = i;
	while (i < p->nf) {
		uint32_t c = p->f[i];

		if (c == '(') {
			size_t close = i + 1;
			int depth = 1;

			while (close < p->nf) {
				depth += p->f[close] == '(';
				depth -= p->f[close] == ')';
				if (depth == 0)
					break;
				close++;
			}
			if (close < p->nf &&
			    resolve_paren(r, p, i + 1, close)) {
				resolve_add_text(p, seg, i);
				i = seg = close + 1;
				continue;
			}
			i++;
			continue;
		}
		if (ustr_digit(c)) {
			size_t start, j = i;
			int w = resolve_word_end(r, p, seg, i, &start);
			/* "II 3 ①", "III7②", "I-6-②", "- 4 …": the first
			 * number after the part or a hyphen. */
			bool section =
			        !p->any_num && ((i == p->part_end &&
			                         (p->part >= 0 || p->lost)) ||
			                        (i > 0 && p->f[i - 1] == '-'));

			if (w >= 0) {
				resolve_add_text(p, seg, start);
				resolve_block_at(r, p, w, &i, p->nf);
				seg = i;
				continue;
			}
			resolve_number(p->f, p->nf, &j);
			if (j < p->nf && p->f[j] == '.' &&
			    (j + 1 >= p->nf || !ustr_digit(p->f[j + 1]))) {
				size_t k = i;

				resolve_add_text(p, seg, i);
				if (resolve_files_at(r, p, &k, p->nf, false)) {
					i = seg = k;
					continue;
				}
				if (!p->any_num) {
					p->num =
					        resolve_number(p->f, p->nf, &i);
					p->any_num = true;
				}
				i = seg = j + 1;
				continue;
			}
			if (section) {
				resolve_add_text(p, seg, i);
				p->num = resolve_number(p->f, p->nf, &i);
				p->any_num = true;
				seg = i;
				continue;
			}
			i = j;
			continue;
		}
		if (jtext_circled(c) != 0 && p->circ == 0) {
			resolve_add_text(p, seg, i);
			p->circ = jtext_circled(c);
			seg = ++i;
			continue;
		}
		if (resolve_separator(c)) {
			resolve_add_text(p, seg, i);
			seg = ++i;
			continue;
		}
		i++;
	}
	resolve_add_text(p, seg, p->nf);
	/* A final parenthesis of the text may be a note of the writer's. */
	if (p->nt > 2 && p->t[p->nt - 1] == ')') {
		size_t k = p->nt - 1;

		while (k > 0 && p->t[k] != '(')
			k--;
		if (p->t[k] == '(' && k > 0)
			p->note = k;
	}
}

/* Free what a parse holds. */
static void
resolve_parse_fini(struct rparse *p)
{
	free(p->f);
	free(p->t);
}

/* Tell whether node a is b or holds it. No memory. */
static bool
resolve_holds(const struct fdef_node *a, const struct fdef_node *b)
{
	for (; b != NULL; b = b->parent)
		if (a == b)
			return true;
	return false;
}

/* Tell whether what a names is b or holds it: a section its items and
 * headings, a heading its items. No memory. */
static bool
resolve_rholds(const struct rnode *a, const struct rnode *b)
{
	if (a == b)
		return true;
	if (a->hd != NULL)
		return b->hd == NULL && b->n->heading == a->hd;
	if (b->hd != NULL)
		return a->n->kind != FDEF_ITEM && resolve_holds(a->n, b->n);
	return resolve_holds(a->n, b->n);
}

/* The printed heading over what rn names (or that it names), or NULL.
 * No memory. */
static const struct fdef_heading *
resolve_under(const struct rnode *rn)
{
	return rn->hd != NULL ? rn->hd : rn->n->heading;
}

/* Score one reading of the text (see resolve_text_score), without
 * remembering. */
static bool
resolve_text_read(struct resolve *r, const struct rparse *p,
                  const struct rnode *rn, const struct ustr *own,
                  bool structural, struct rcand *c, int *m_title, int *m_own)
{
	const struct rpart *pt = &r->parts[rn->part];
	const struct ustr *chain[6];
	size_t nchain = 0, total = 0, own_from, title_from = 0, title_to = 0;
	size_t prev_from = 0, prev_to = 0;
	uint32_t *cat;
	int *a2b;
	size_t unmatched = 0, trail = 0, matched = 0;
	long last_own = -1, last_any = -1;
	bool desig;

	if (rn->n != pt->n)
		chain[nchain++] = &pt->title;
	if (rn->title.n > 0)
		chain[nchain++] = &rn->title;
	if (rn->over.n > 0)
		chain[nchain++] = &rn->over;
	if (rn->prev.n > 0 && !ustr_eq(&rn->prev, &rn->head))
		chain[nchain++] = &rn->prev;
	if (rn->head.n > 0)
		chain[nchain++] = &rn->head;
	chain[nchain++] = own;
	for (size_t i = 0; i < nchain; i++)
		total += chain[i]->n;
	cat = xcalloc(total + 1, sizeof *cat);
	total = 0;
	for (size_t i = 0; i < nchain; i++) {
		if (chain[i] == &rn->title) {
			title_from = total;
			title_to = total + chain[i]->n;
		} else if (chain[i] == &rn->prev) {
			prev_from = total;
			prev_to = total + chain[i]->n;
		}
		memcpy(cat + total, chain[i]->s, chain[i]->n * sizeof *cat);
		total += chain[i]->n;
	}
	own_from = total - own->n;
	a2b = xcalloc(p->nt + 1, sizeof *a2b);
	ustr_runs(&r->scratch, p->t, p->nt, cat, total, a2b);
	*m_own = *m_title = 0;
	/* The item before explains text only when this one's label is
	 * written after it (ユーザ認証の管理 具体的な管理方法). */
	for (size_t i = 0; i < p->nt && prev_to > prev_from; i++)
		if (a2b[i] >= 0 && (size_t)a2b[i] >= own_from)
			prev_to = prev_from;
	for (size_t i = 0; i < p->nt; i++)
		if (a2b[i] >= 0 && (size_t)a2b[i] >= prev_from &&
		    (size_t)a2b[i] < prev_to)
			a2b[i] = -1;
	for (size_t i = 0; i < p->nt; i++) {
		/* A note in parentheses at the end that names nothing
		 * ("保管場所(クラウド移行に伴う変更)") is no part of the
		 * reference. */
		if (a2b[i] < 0 && i >= p->note && p->note > 0) {
			bool named = false;

			for (size_t k = p->note; k < p->nt && !named; k++)
				named = a2b[k] >= 0;
			if (!named)
				a2b[i] = -2;
		}
		if (a2b[i] < 0) {
			unmatched += a2b[i] == -1;
			continue;
		}
		matched++;
		last_any = (long)i;
		if ((size_t)a2b[i] >= own_from) {
			(*m_own)++;
			last_own = (long)i;
		} else if ((size_t)a2b[i] >= title_from &&
		           (size_t)a2b[i] < title_to) {
			(*m_title)++;
		}
	}
	{
		long from = last_own >= 0 ? last_own : last_any;

		for (long i = from + 1; from >= 0 && i < (long)p->nt; i++)
			trail += a2b[i] == -1;
	}
	free(a2b);
	free(cat);
	/* Three characters of the label at least (部署: all of it), and half
	 * of it, six characters, or all the text (ファイル名 of
	 * 特定個人情報ファイル名). */
	desig = (*m_own >= 3 || (size_t)*m_own == own->n) && *m_own >= 2 &&
	        (2 * (size_t)*m_own >= own->n || *m_own >= 6 ||
	         (size_t)*m_own == p->nt);
	/* Named by a word or two in a sentence ("組織改正に伴う部署名の変更"):
	 * too little of the text to tell. */
	if (!structural && (!desig || unmatched > 3 * matched))
		return false;
	c->cost +=
	        COST_LEAD * (int)(unmatched - trail) + COST_TRAIL * (int)trail;
	c->unexplained = (int)unmatched;
	if (!structural)
		c->cost += COST_ABBR * (int)(own->n - (size_t)*m_own);
	return true;
}

/* Score one reading of the text with one variant of the item's own name;
 * false when the text does not name it. The score depends only on the
 * text pieces, the node, the variant and structural: remembered, for the
 * rows of a log name the same items in the same words. */
static bool
resolve_text_score(struct resolve *r, const struct rparse *p,
                   const struct rnode *rn, const struct ustr *own,
                   bool structural, struct rcand *c, int *m_title, int *m_own)
{
	uint32_t head[4] = {(uint32_t)(rn - r->nodes), own != &rn->label,
	                    structural, (uint32_t)p->note};
	size_t n;
	uint32_t *key = resolve_memo_key(r, 2, head, 4, p->t, p->nt, &n);
	int v[UMEMO_VALUES];

	if (!umemo_get(&r->memo, key, n, v)) {
		struct rcand t = *c;

		t.cost = 0;
		v[0] = resolve_text_read(r, p, rn, own, structural, &t, &v[1],
		                         &v[2]);
		v[3] = t.cost;
		v[4] = t.unexplained;
		umemo_put(&r->memo, key, n, v);
	}
	*m_title = v[1];
	*m_own = v[2];
	if (v[0]) {
		c->cost += v[3];
		c->unexplained = v[4];
	}
	return v[0] != 0;
}

/* Score a reading of the reference as node rn; false when rn cannot be
 * what it names. Lower cost is a better reading. */
static bool
resolve_score(struct resolve *r, const struct rparse *p, const struct rnode *rn,
              struct rcand *out)
{
	const struct rpart *pt = &r->parts[rn->part];
	struct rcand c = {rn, 0, false, false, false, false, false, 0};
	bool circ_wrong = false, risk_wrong = false, have_block = false;
	int m_title = 0, m_own = 0;

	if (p->part >= 0 && p->part != rn->part)
		return false;
	if (p->nfiles > 0 && !pt->per_file)
		return false;
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct rword *w = &r->words[p->blocks[i].word];

		if (w->kind == W_RISK) {
			/* リスク2 names the items under it as a number does. */
			if (rn->risk == p->blocks[i].a) {
				c.structural = true;
				continue;
			}
			if (rn->risk != 0 || rn->risks)
				return false;
			/* リスク1 of the one risk of III-2 (リスク:…). */
			c.cost += COST_RISK;
			c.structural =
			        c.structural || resolve_under(rn) != NULL;
			risk_wrong = true;
		} else if (rn->block_word != p->blocks[i].word) {
			return false;
		} else {
			have_block = true;
		}
	}
	if (p->circ != 0) {
		if (rn->n->kind != FDEF_ITEM)
			return false;
		if (rn->circ == p->circ) {
			c.structural = true;
		} else if (rn->fam != p->circ) {
			c.cost += rn->circ || rn->fam ? COST_CIRCLED
			                              : COST_NOCIRCLED;
			circ_wrong = true;
		}
	}
	if (rn->block_name && have_block)
		c.structural = true;
	if (p->num != 0) {
		if (rn->sec_num != p->num)
			c.num_wrong = true;
		else if (rn->sec == rn->n && p->circ == 0 && !have_block)
			c.structural = true;
	}
	if (rn->n == pt->n && p->part >= 0 && p->num == 0 && p->circ == 0 &&
	    p->nblocks == 0)
		c.structural = true;
	{
		struct rcand a = c, b = c;
		int ta = 0, oa = 0, tb = 0, ob = 0;
		bool ok_a = resolve_text_score(r, p, rn, &rn->label,
		                               c.structural, &a, &ta, &oa);
		bool ok_b = rn->alt.n > 0 &&
		            resolve_text_score(r, p, rn, &rn->alt, c.structural,
		                               &b, &tb, &ob);

		if (!ok_a && !ok_b)
			return false;
		if (ok_a && (!ok_b || a.cost <= b.cost)) {
			c = a;
			m_title = ta;
			m_own = oa;
			c.whole = (size_t)oa == rn->label.n;
		} else {
			c = b;
			m_title = tb;
			m_own = ob;
			c.whole = (size_t)ob == rn->alt.n;
		}
	}
	if (c.num_wrong) {
		/* A title that is right beats a number that is wrong. */
		bool title =
		        rn->sec != rn->n
		                ? rn->title.n > 0 && 10 * (size_t)m_title >=
		                                             7 * rn->title.n
		                : rn->label.n > 0 &&
		                          10 * (size_t)m_own >= 7 * rn->label.n;

		c.title_kept = title;
		c.cost += title ? COST_TITLE : COST_NUMBER;
		/* Another section's number and another risk: no reading. */
		if (!title && risk_wrong)
			return false;
	}
	c.confirmed =
	        p->num != 0 && !c.num_wrong && !circ_wrong && !risk_wrong &&
	        (rn->sec != rn->n ? rn->title.n > 0 && 10 * (size_t)m_title >=
	                                                       8 * rn->title.n
	                          : rn->label.n > 0 && 10 * (size_t)m_own >=
	                                                       8 * rn->label.n);
	*out = c;
	return true;
}

/* Order readings by cost; of equals, one whose whole label is written,
 * then document order (a section before its items, a heading before its
 * first item). */
static int
resolve_cmp(const void *a, const void *b)
{
	const struct rcand *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->whole != y->whole)
		return x->whole ? -1 : 1;
	if (x->rn->n->id != y->rn->n->id)
		return x->rn->n->id < y->rn->n->id ? -1 : 1;
	return (x->rn->hd == NULL) - (y->rn->hd == NULL);
}

/* How close a reading is to the previous row's: same heading (risk),
 * block, section, part, or nothing (0). No memory. */
static int
resolve_near(const struct resolve *r, const struct rnode *rn)
{
	const struct rnode *prev = r->ctx.rn;

	if (!r->ctx.valid || prev == NULL)
		return 0;
	if (resolve_under(rn) != NULL &&
	    resolve_under(rn) == resolve_under(prev))
		return 4;
	if (rn->block != NULL && rn->block == prev->block)
		return 3;
	if (rn->sec != NULL && rn->sec == prev->sec)
		return 2;
	return rn->part == prev->part ? 1 : 0;
}

/* The only item a section holds (II-6 holds 保管場所), or NULL. */
static const struct rnode *
resolve_only_item(const struct resolve *r, const struct rnode *rn)
{
	const struct rnode *only = NULL;

	if (rn->n->kind != FDEF_GROUP)
		return NULL;
	for (size_t i = 0; i < rn->n->nkids; i++) {
		const struct fdef_node *k = rn->n->kids[i];

		if (!fdef_in_version(k, r->d->version) ||
		    k->companion_of != NULL)
			continue;
		if (k->kind != FDEF_ITEM || only != NULL)
			return NULL;
		for (size_t j = 0; j < r->nnodes; j++)
			if (r->nodes[j].n == k)
				only = &r->nodes[j];
	}
	return only;
}

struct rout {
	struct resolve_target *t;
	size_t n;
	struct sbuf notes;
};

/* Add a note to the reason. */
static void
resolve_note(struct rout *o, const char *note)
{
	sbuf_addf(&o->notes, "%s%s", o->notes.len ? _("; ") : "", note);
}

/* Add a target. */
static void
resolve_add_target(struct rout *o, const struct doc_group *g,
                   const struct fdef_node *n)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->t[i].g == g && o->t[i].node == n)
			return;
	o->t = xreallocarray(o->t, o->n + 1, sizeof *o->t);
	o->t[o->n].g = g;
	o->t[o->n].node = n;
	o->n++;
}

/* Add what rn names in instance h: its item, or each item under its
 * heading. */
static void
resolve_add_items(const struct resolve *r, struct rout *o,
                  const struct doc_group *h, const struct rnode *rn)
{
	const struct fdef_node *p = rn->n->parent;

	if (rn->hd == NULL) {
		resolve_add_target(o, h, rn->n);
		return;
	}
	for (size_t i = 0; i < p->nkids; i++)
		if (p->kids[i]->heading == rn->hd &&
		    fdef_in_version(p->kids[i], r->d->version))
			resolve_add_target(o, h, p->kids[i]);
}

/* The instance holding node in file f and block b (1-based, 0 for none),
 * or NULL when the document has no such block. */
static const struct doc_group *
resolve_holder(const struct resolve *r, const struct fdef_node *node, size_t f,
               size_t b)
{
	const struct fdef_node *chain[32];
	size_t n = 0;
	const struct doc_group *g = r->d->root;

	for (const struct fdef_node *a = node->parent;
	     a != NULL && a->parent != NULL && n < 32; a = a->parent)
		chain[n++] = a;
	for (size_t i = n; i > 0 && g != NULL; i--) {
		const struct fdef_node *a = chain[i - 1];
		const struct doc_slot *s = doc_slot(g, a);

		if (a->kind == FDEF_GROUP) {
			g = s->grp;
		} else {
			size_t k = a == r->files_node ? f : b;

			g = k >= 1 && k <= s->ninst ? s->inst[k - 1] : NULL;
		}
	}
	return g;
}

/* The number of blocks of a repeat in file f. No memory. */
static size_t
resolve_count_blocks(const struct resolve *r, const struct fdef_node *rep,
                     size_t f)
{
	const struct doc_group *h = resolve_holder(r, rep, f, 0);

	return h != NULL ? doc_slot(h, rep)->ninst : 0;
}

/* The word of a block repeat as people write it (委託事項). Caller frees. */
static char *
resolve_block_word(const struct fdef_node *rep)
{
	char *w = refname_instance_word(rep);

	return w != NULL ? w : xstrdup(rep->label);
}

/* What a reading names that the document does not have. */
struct rmiss {
	enum resolve_missing what;
	size_t file;
	char *name; /* the part or block, or NULL */
};

/* Record what is missing: a file (name NULL) or a block of a repeat
 * (number 0: any block). */
static void
resolve_miss(struct rmiss *m, enum resolve_missing what, size_t file,
             const struct fdef_node *rep, size_t number)
{
	char *w = rep != NULL ? resolve_block_word(rep) : NULL;

	m->what = what;
	m->file = file;
	free(m->name);
	m->name = w == NULL || number == 0 ? w : xasprintf("%s%zu", w, number);
	if (m->name != w)
		free(w);
}

/* Say what is missing in the user's language. Caller frees. */
static char *
resolve_miss_text(const struct rmiss *m)
{
	switch (m->what) {
	case RESOLVE_MISSING_PART:
		return xasprintf(_("the form has no part %s"), m->name);
	case RESOLVE_MISSING_FILE:
		return m->file != 0
		               ? xasprintf(_("the document has no file %zu"),
		                           m->file)
		               : xstrdup(_("the document has no file"));
	case RESOLVE_MISSING_BLOCK:
		return m->file != 0
		               ? xasprintf(
		                         _("file %zu of the document has no %s"),
		                         m->file, m->name)
		               : xasprintf(_("the document has no %s"),
		                           m->name);
	default:
		return xstrdup(_("no item of the form matches"));
	}
}

/* Expand a reading into the document's files and blocks. Returns the
 * status; notes and targets go to o, what is missing for "none" to
 * miss. */
static enum resolve_status
resolve_expand(struct resolve *r, const struct rparse *p,
               const struct rnode *rn, bool inherit, struct rout *o,
               struct rmiss *miss)
{
	size_t files[RESOLVE_MAX_IDX], nfiles = 0;
	size_t blocks[RESOLVE_MAX_IDX], nblocks = 0;
	bool sure = true;
	const struct fdef_node *rep =
	        rn->block != NULL && rn->block != rn->n ? rn->block : NULL;

	if (r->parts[rn->part].per_file) {
		for (size_t i = 0; i < p->nfiles; i++) {
			size_t k = p->files[i];

			if (k < 1 || k > r->nfiles) {
				if (p->byname[i] == 0) {
					resolve_miss(miss, RESOLVE_MISSING_FILE,
					             k, NULL, 0);
					return RESOLVE_NONE;
				}
				k = p->byname[i];
				resolve_note(
				        o, _("the file was found by its name"));
			} else if (p->byname[i] != 0 && p->byname[i] != k) {
				resolve_note(
				        o,
				        _("file by its number; its name is another file's"));
			}
			files[nfiles++] = k;
		}
		if (nfiles == 0 && r->nfiles == 1) {
			files[nfiles++] = 1;
		} else if (nfiles == 0 && r->nfiles == 0) {
			resolve_miss(miss, RESOLVE_MISSING_FILE, 0, NULL, 0);
			return RESOLVE_NONE;
		} else if (nfiles == 0 && inherit && r->ctx.valid &&
		           r->ctx.nfiles > 0) {
			memcpy(files, r->ctx.files,
			       r->ctx.nfiles * sizeof *files);
			nfiles = r->ctx.nfiles;
			resolve_note(o, _("the file is the previous row's"));
		} else if (nfiles == 0) {
			for (size_t k = 1;
			     k <= r->nfiles && nfiles < RESOLVE_MAX_IDX; k++)
				files[nfiles++] = k;
			sure = false;
		}
	} else {
		files[nfiles++] = 0;
	}
	if (rep != NULL) {
		bool given = false;

		for (size_t i = 0; i < p->nblocks; i++) {
			if (r->words[p->blocks[i].word].repeat != rep)
				continue;
			given = true;
			for (int x = p->blocks[i].a;
			     x <= p->blocks[i].b && nblocks < RESOLVE_MAX_IDX;
			     x++)
				blocks[nblocks++] = (size_t)x;
		}
		if (!given) {
			size_t most = 0;

			for (size_t i = 0; i < nfiles; i++) {
				size_t c =
				        resolve_count_blocks(r, rep, files[i]);

				most = c > most ? c : most;
			}
			if (most == 0) {
				resolve_miss(miss, RESOLVE_MISSING_BLOCK, 0,
				             rep, 0);
				return RESOLVE_NONE;
			}
			if (most == 1) {
				blocks[nblocks++] = 1;
			} else if (inherit && r->ctx.valid &&
			           r->ctx.rn != NULL &&
			           r->ctx.rn->block == rep &&
			           r->ctx.nblocks > 0) {
				memcpy(blocks, r->ctx.blocks,
				       r->ctx.nblocks * sizeof *blocks);
				nblocks = r->ctx.nblocks;
				resolve_note(
				        o,
				        _("the block is the previous row's"));
			} else {
				for (size_t k = 1;
				     k <= most && nblocks < RESOLVE_MAX_IDX;
				     k++)
					blocks[nblocks++] = k;
				sure = false;
			}
		}
	} else {
		blocks[nblocks++] = 0;
	}
	for (size_t i = 0; i < nfiles; i++)
		for (size_t j = 0; j < nblocks; j++) {
			const struct doc_group *h =
			        resolve_holder(r, rn->n, files[i], blocks[j]);

			if (h == NULL) {
				bool in_file =
				        rep != NULL &&
				        resolve_holder(r, rep, files[i], 0);

				if (in_file)
					resolve_miss(
					        miss, RESOLVE_MISSING_BLOCK,
					        r->nfiles > 1 ? files[i] : 0,
					        rep, blocks[j]);
				else
					resolve_miss(miss, RESOLVE_MISSING_FILE,
					             files[i], NULL, 0);
				return RESOLVE_NONE;
			}
			resolve_add_items(r, o, h, rn);
		}
	if (sure) {
		r->ctx.nfiles = 0;
		for (size_t i = 0; i < nfiles && files[0] != 0; i++)
			r->ctx.files[r->ctx.nfiles++] = files[i];
		r->ctx.nblocks = 0;
		for (size_t j = 0; j < nblocks && blocks[0] != 0; j++)
			r->ctx.blocks[r->ctx.nblocks++] = blocks[j];
	}
	return sure ? RESOLVE_SURE : RESOLVE_AMBIGUOUS;
}

/* Fold the text after "[○]" or "[ ]" marks of a value: the checkbox
 * labels it shows. Caller frees the array and its strings. */
static struct ustr *
resolve_marks(const char *value, size_t *n)
{
	struct ustr f, *out = NULL;

	*n = 0;
	/* Checkbox marks are in short cells; a long text has none to read. */
	if (value == NULL || strlen(value) > RESOLVE_MAX_VALUE)
		return NULL;
	ustr_fold(value, &f);
	for (size_t i = 0; i < f.n; i++) {
		size_t j = i + 1, k;

		if (f.s[i] != '[')
			continue;
		if (j < f.n && f.s[j] != ']')
			j++;
		if (j >= f.n || f.s[j] != ']')
			continue;
		k = ++j;
		while (k < f.n && f.s[k] != '[')
			k++;
		if (k > j) {
			out = xreallocarray(out, *n + 1, sizeof *out);
			out[*n].n = k - j;
			out[*n].s = xcalloc(k - j + 1, sizeof *out[*n].s);
			memcpy(out[*n].s, f.s + j, (k - j) * sizeof *f.s);
			(*n)++;
		}
		i = k - 1;
	}
	ustr_free(&f);
	return out;
}

/* Tell whether a shown checkbox label names s (it may carry a count or a
 * note after the label). No memory. */
static bool
resolve_mark_is(const struct ustr *mark, const char *label)
{
	struct ustr l;
	bool hit;

	ustr_fold(label, &l);
	hit = l.n > 0 && ustr_at(mark->s, mark->n, 0, &l);
	ustr_free(&l);
	return hit;
}

/* Narrow a section to the one item whose checkbox the values show
 * ("[○]接続しない(入手)"), or NULL. */
static const struct rnode *
resolve_by_marks(const struct resolve *r, const struct rnode *sec,
                 const char *before, const char *after)
{
	size_t nb, na;
	struct ustr *mb = resolve_marks(before, &nb);
	struct ustr *ma = resolve_marks(after, &na);
	const struct rnode *hit = NULL;
	bool many = false;

	for (size_t i = 0; i < r->nnodes && !many; i++) {
		const struct rnode *rn = &r->nodes[i];
		const struct fdef_node *n = rn->n;
		bool found = false;

		if (n->kind != FDEF_ITEM || n == sec->n ||
		    !resolve_holds(sec->n, n) ||
		    (n->type != FT_MULTI && n->type != FT_FLAG))
			continue;
		for (size_t k = 0; k < nb + na && !found; k++) {
			const struct ustr *m = k < nb ? &mb[k] : &ma[k - nb];

			if (n->type == FT_FLAG)
				found = resolve_mark_is(m, n->label);
			for (size_t j = 0; j < n->nmembers && !found; j++)
				found = resolve_mark_is(m, n->members[j].label);
		}
		if (found) {
			many = hit != NULL;
			hit = rn;
		}
	}
	for (size_t k = 0; k < nb; k++)
		ustr_free(&mb[k]);
	for (size_t k = 0; k < na; k++)
		ustr_free(&ma[k]);
	free(mb);
	free(ma);
	return many ? NULL : hit;
}

/* The names of the first targets in a style, joined for a reason.
 * Caller frees. */
static char *
resolve_list(const struct resolve_target *t, size_t n, enum name_style style)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < n && i < RESOLVE_MAX_ALT; i++) {
		char *s = name_item_as(t[i].g, t[i].node, style);

		sbuf_addf(&sb, "%s%s", i ? _(", ") : "", s);
		free(s);
	}
	if (n > RESOLVE_MAX_ALT)
		sbuf_addf(&sb, _(" and %zu more"), n - RESOLVE_MAX_ALT);
	return sbuf_detach(&sb);
}

/* Resolve one reference text. Caller frees out with resolve_result_fini().
 */
void
resolve_ref(struct resolve *r, const char *text, const char *before,
            const char *after, struct resolve_result *out)
{
	struct rparse p;
	struct rcand *cands;
	size_t nc = 0, nclose = 0;
	struct rout o = {NULL, 0, {NULL, 0, 0}};
	const struct rnode *pick = NULL;
	int junk = 0; /* characters the chosen reading leaves unexplained */
	struct rmiss miss = {RESOLVE_MISSING_ITEM, 0, NULL};

	memset(out, 0, sizeof *out);
	/* Only the first nc readings are ever read: no need to clear. */
	if (r->cands == NULL)
		r->cands = xcalloc(r->nnodes + 1, sizeof *r->cands);
	cands = r->cands;
	sbuf_init(&o.notes);
	resolve_parse(r, text ? text : "", &p);
	if (p.bad_part[0] != '\0') {
		miss.what = RESOLVE_MISSING_PART;
		miss.name = xstrdup(p.bad_part);
	}
	for (size_t i = 0; i < r->nnodes && miss.name == NULL; i++)
		if (resolve_score(r, &p, &r->nodes[i], &cands[nc]))
			nc++;
	qsort(cands, nc, sizeof *cands, resolve_cmp);
	/* The readings that fit about as well as the best; of two that hold
	 * each other (a section and its item), the better one. */
	for (size_t i = 0; i < nc && cands[i].cost < cands[0].cost + MARGIN;
	     i++) {
		bool nested = false;

		/* A label written whole beats one written in part; a reading
		 * that explains all the text, one that does not. */
		if (i > 0 &&
		    ((cands[0].whole && !cands[i].whole) ||
		     (cands[0].unexplained == 0 && cands[i].unexplained > 0)))
			continue;
		for (size_t k = 0; k < nclose && !nested; k++) {
			nested = resolve_rholds(cands[k].rn, cands[i].rn) ||
			         resolve_rholds(cands[i].rn, cands[k].rn);
			/* A section and its item of the same name: the item
			 * (9. 従業者に対する教育・啓発). */
			if (nested &&
			    resolve_rholds(cands[k].rn, cands[i].rn) &&
			    ustr_eq(&cands[k].rn->label, &cands[i].rn->label))
				cands[k] = cands[i];
		}
		if (!nested)
			cands[nclose++] = cands[i];
	}
	if (nclose > 1) {
		/* The previous row's context decides between equals. */
		int best = 0, count = 0;

		for (size_t i = 0; i < nclose; i++) {
			int near = resolve_near(r, cands[i].rn);

			if (near > best) {
				best = near;
				count = 1;
				pick = cands[i].rn;
				junk = cands[i].unexplained;
			} else if (near == best) {
				count++;
			}
		}
		if (best == 0 || count != 1)
			pick = NULL;
		else
			resolve_note(&o, _("as in the previous row"));
	} else if (nclose == 1) {
		pick = cands[0].rn;
		junk = cands[0].unexplained;
		if (cands[0].num_wrong) {
			/* The number and title of another item agree: the two
			 * readings both fit. */
			for (size_t i = 1; i < nc; i++)
				if (cands[i].confirmed &&
				    !resolve_rholds(cands[i].rn, pick) &&
				    !resolve_rholds(pick, cands[i].rn)) {
					cands[1] = cands[i];
					nclose = 2;
					pick = NULL;
					break;
				}
			if (pick != NULL && cands[0].title_kept)
				resolve_note(
				        &o,
				        _("the section number is wrong; its title was followed"));
		}
	}
	if (pick != NULL) {
		const struct rnode *only = resolve_only_item(r, pick);
		const struct rnode *marked =
		        only == NULL && pick->n->kind != FDEF_ITEM
		                ? resolve_by_marks(r, pick, before, after)
		                : NULL;

		if (only != NULL)
			pick = only;
		if (marked != NULL) {
			pick = marked;
			resolve_note(
			        &o,
			        _("the item was told by the checkboxes in the values"));
		}
		/* A row whose text is not all explained ("(全ファイル)")
		 * does not take the previous row's file or block. */
		out->status = resolve_expand(r, &p, pick, junk <= MAX_JUNK, &o,
		                             &miss);
	} else if (nclose > 1) {
		out->status = RESOLVE_AMBIGUOUS;
		for (size_t i = 0; i < nclose; i++) {
			struct rout one = {NULL, 0, {NULL, 0, 0}};
			struct rmiss w = {RESOLVE_MISSING_ITEM, 0, NULL};
			struct rctx keep = r->ctx;

			sbuf_init(&one.notes);
			if (resolve_expand(r, &p, cands[i].rn, false, &one,
			                   &w) != RESOLVE_NONE)
				for (size_t k = 0; k < one.n; k++)
					resolve_add_target(&o, one.t[k].g,
					                   one.t[k].node);
			r->ctx = keep;
			free(one.t);
			free(w.name);
			sbuf_fini(&one.notes);
		}
		if (o.n == 0)
			out->status = RESOLVE_NONE;
	} else {
		out->status = RESOLVE_NONE;
	}
	out->t = o.t;
	out->n = o.n;
	if (out->status == RESOLVE_SURE) {
		char *list = resolve_list(o.t, o.n, NAME_LOG);

		out->reason =
		        o.notes.len ? xasprintf(_("%s (%s)"), list, o.notes.buf)
		                    : xstrdup(list);
		free(list);
		r->ctx.valid = true;
		r->ctx.rn = pick;
	} else if (out->status == RESOLVE_AMBIGUOUS && o.n == 2) {
		char *a = name_item(o.t[0].g, o.t[0].node);
		char *b = name_item(o.t[1].g, o.t[1].node);

		out->reason = xasprintf(
		        _("it could be %s or %s; which one cannot be told"), a,
		        b);
		free(a);
		free(b);
		r->ctx.valid = false;
	} else if (out->status == RESOLVE_AMBIGUOUS) {
		char *list = resolve_list(o.t, o.n, NAME_PEOPLE);

		out->reason = xasprintf(
		        _("it could be any of %s; which one cannot be told"),
		        list);
		free(list);
		r->ctx.valid = false;
	} else {
		free(out->t);
		out->t = NULL;
		out->n = 0;
		out->reason = resolve_miss_text(&miss);
		out->missing = miss.what;
		out->missing_file = miss.file;
		out->missing_name = miss.name;
		miss.name = NULL;
		r->ctx.valid = false;
	}
	free(miss.name);
	sbuf_fini(&o.notes);
	resolve_parse_fini(&p);
}

/* Free what a result holds. */
void
resolve_result_fini(struct resolve_result *res)
{
	free(res->t);
	free(res->reason);
	free(res->missing_name);
	memset(res, 0, sizeof *res);
}

/* Name a status: "sure", "ambiguous" or "none". Static string. */
const char *
resolve_status_name(enum resolve_status s)
{
	switch (s) {
	case RESOLVE_SURE:
		return "sure";
	case RESOLVE_AMBIGUOUS:
		return "ambiguous";
	default:
		return "none";
	}
}

/* The document path of a target. Caller frees. */
char *
resolve_target_path(const struct resolve_target *t)
{
	char *p = doc_path_of(t->g, t->node);
	size_t len = strlen(p);

	if (t->node->kind == FDEF_REPEAT && len > 2 &&
	    strcmp(p + len - 2, ".*") == 0)
		p[len - 2] = '\0';
	return p;
}

/* Tell whether every item below n is marked ※ (and there is one). */
static bool
resolve_all_important(const struct fdef_node *n, bool *any)
{
	if (n->kind == FDEF_ITEM) {
		*any = true;
		return n->important;
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (!resolve_all_important(n->kids[i], any))
			return false;
	return true;
}

/* Tell whether a change of the target is a 重要な変更. No memory. */
bool
resolve_target_important(const struct resolve_target *t)
{
	bool any = false;

	if (t->node->kind == FDEF_ITEM)
		return t->node->important;
	return resolve_all_important(t->node, &any) && any;
}

/* Resolve every row of the document's change log (the repeat with the
 * role change_log) in order. Caller frees out with resolve_log_fini(). */
void
resolve_log(const struct doc *d, struct resolve_log *out)
{
	const struct fdef_node *item = fdef_role(d->fd, "change_item");
	const struct fdef_node *before = fdef_role(d->fd, "change_before");
	const struct fdef_node *after = fdef_role(d->fd, "change_after");
	const struct doc_group *h =
	        item != NULL ? doc_holder(d->root, item->parent) : NULL;
	const struct doc_slot *s =
	        h != NULL && item->parent->kind == FDEF_REPEAT
	                ? doc_slot(h, item->parent)
	                : NULL;
	struct resolve *r;

	out->rows = NULL;
	out->n = 0;
	if (s == NULL || s->ninst == 0)
		return;
	r = resolve_new(d);
	out->rows = xcalloc(s->ninst, sizeof *out->rows);
	out->n = s->ninst;
	for (size_t i = 0; i < s->ninst; i++) {
		const struct doc_group *row = s->inst[i];
		const struct doc_value *v = &doc_slot(row, item)->val;
		const struct doc_value *b =
		        before ? &doc_slot(row, before)->val : NULL;
		const struct doc_value *a =
		        after ? &doc_slot(row, after)->val : NULL;

		resolve_ref(r, v->n ? v->v[0] : "", b && b->n ? b->v[0] : NULL,
		            a && a->n ? a->v[0] : NULL, &out->rows[i]);
	}
	resolve_free(&r);
}

/* Free what a resolved log holds. */
void
resolve_log_fini(struct resolve_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		resolve_result_fini(&log->rows[i]);
	free(log->rows);
	log->rows = NULL;
	log->n = 0;
}
