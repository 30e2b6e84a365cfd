/* The form definition: the tree of sections, items, options, conditions,
 * checks and help, loaded from forms/<id>.yaml. */
#ifndef HYOKA_FDEF_H
#define HYOKA_FDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "cond.h"
#include "diag.h"

enum fdef_kind {
	FDEF_GROUP,
	FDEF_REPEAT,
	FDEF_ITEM,
};

enum fdef_type {
	FT_NONE,
	FT_LINE,
	FT_TEXT,
	FT_CHOICE,
	FT_MULTI,
	FT_FLAG,
	FT_COUNT,
	FT_DATE,
	FT_NUMBER,
	FT_TABLE,
	FT_NTYPES
};

/* How a type's value is kept: its YAML shape and what conditions see. */
enum fdef_shape {
	FS_TEXT,   /* one text (a quoted scalar; a string to conditions) */
	FS_NUMBER, /* one whole number (a plain scalar) */
	FS_BOOL,   /* checked or not (true, or absent) */
	FS_LIST,   /* a set of labels (a list; a set to conditions) */
	FS_ROWS,   /* rows of cells (a list of mappings) */
};

/* How a person changes a type's value in the editor. */
enum fdef_input {
	FI_TYPED, /* by typing text */
	FI_PICK,  /* by picking one option */
	FI_CHECK, /* by checking boxes */
};

/* What a field type is (fdef_types[type]). A new type is a row here, its
 * value functions in doc-value.c (parse, validate, format) and its enum
 * value above; the YAML shape, conditions and the editor's keys follow
 * from shape and input, and the view draws it as text unless it draws
 * it otherwise (view-layout.c). */
struct fdef_type_info {
	const char *name;       /* in forms and in `hyoka fields` */
	enum fdef_shape shape;
	const char *shape_help; /* the YAML shape for messages, N_() */
	enum fdef_input input;
	bool one_line;   /* typed on one line: Enter ends the edit */
	bool typed_over; /* typing replaces the value (a date, a number) */
	bool free_text;  /* any text is a value (kept as typed) */
};

extern const struct fdef_type_info fdef_types[FT_NTYPES];

struct fdef_member {
	char *label;
	char *group; /* printed group heading such as ・識別情報, or NULL */
	bool exclusive;
	unsigned versions;
};

struct fdef_column {
	char *key;
	char *label;
	char *old_key; /* key of older documents, still read, or NULL */
};

struct fdef_node;

/* A printed heading, row group or risk statement over some items of one
 * section (4. 個人番号の利用 ※, ④使用の主体, 再委託, リスク1：…). It holds no
 * value and is no node: its items are ordinary children of the section. */
struct fdef_heading {
	char *label;
	char *ref;                     /* F*: prefix included, or NULL */
	const struct fdef_node *first; /* its first item in document order */
	int line, col;
};

/* A suggested 提出時期に係る説明 of a change: for a ※ item (important) or
 * another, with the 提出時期 it goes with; label names it as an answer to
 * the editor's question about a ※ change (NULL: not offered there). */
struct fdef_preset {
	char *timing;
	bool important;
	char *text;
	char *label;
};

struct fdef_node {
	enum fdef_kind kind;
	enum fdef_type type;
	char *key;
	char *label;
	char *title;
	char *short_name;      /* name in the editor's section tree, or NULL */
	char *ref;             /* full reference, F*: prefix included */
	const char *ref_local; /* ref without the prefix (points into ref) */
	char *name_prefix; /* repeat: a block's name for people (ファイル*) */
	const struct fdef_node *name_item; /* repeat: the item printed in
	                                      each block's heading row */
	char *path; /* dotted path with * for each repeat */
	char *instance_label;
	char *help;
	char *example;
	char **examples; /* per form version (NULL: example for all) */
	size_t nexamples;
	char *mistakes;
	bool important;
	bool optional_mark;
	bool month_allowed;
	bool per_version; /* belongs to one published version (公表日) */
	char *role;       /* what C code knows it as (change_item), or NULL */
	char *unit;       /* count: printed after the number (件), or NULL */
	char *blank_text; /* change log: written for a value deleted */
	struct fdef_preset *presets;
	size_t npresets;
	unsigned versions; /* bit i = version i */
	char **options;
	size_t noptions;
	struct fdef_member *members;
	size_t nmembers;
	struct fdef_column *columns;
	size_t ncolumns;
	size_t max; /* repeat instances or table rows */
	size_t min; /* repeat instances a new document starts with */
	struct fdef_node *companion_of;
	size_t member; /* index into companion_of->members */
	struct cond *show;
	char *show_reason;
	struct cond *required; /* NULL: see required_const */
	bool required_const;
	char *required_reason;
	char *rule;        /* catalog rule its conditions implement (R3) */
	char *match_label; /* label without blanks, ①.. and ※: for matching */
	char *match_title; /* the same of the title (or label) */
	const struct fdef_heading
	        *heading;  /* printed over this item, or NULL */
	bool label_shared; /* another item has the same label */
	struct fdef_node *parent;
	struct fdef_node **kids;
	size_t nkids;
	size_t index; /* among siblings */
	size_t id;    /* document order among all nodes */
	int nrepeats; /* enclosing repeats, this one included */
	int line, col;
	struct fdef_node **readers; /* nodes whose conditions read this */
	size_t nreaders;
};

/* Kinds of checks: a condition, or a built-in computation with its
 * parameters given in the form (see doc/form-definition.md). */
enum fdef_check_kind {
	CK_WHEN,
	CK_DATE_ORDER,     /* nodes: earlier, later */
	CK_THRESHOLD,      /* nodes: target, result, incident, handlers... */
	CK_CONTAINS,       /* nodes: text, [must_contain]; words: finds;
	                      ends: must_end_with */
	CK_SAME,           /* nodes: over, item */
	CK_LINES_MATCH,    /* nodes: list, over, item */
	CK_CHANGE_TIMING,  /* nodes: item, timing, reason */
	CK_PERSONAL_NAME,  /* nodes: text */
	CK_REMINDER,       /* nodes: date; months */
	CK_RECIPROCAL,     /* nodes: over, name, text */
	CK_CHANGE_REF,     /* nodes: item */
	CK_CHANGE_CURRENT, /* nodes: item, after, date (scope: the log holder)
	                    */
	/* none: the document against its baseline */
	CK_CHANGE_BASELINE,
	CK_DERIVE, /* nodes: [from [, over]]; value: an answer that
	              follows from others, offered for `at` */
};

/* A named text of a check, filled into its message (threshold). */
struct fdef_text {
	char *key;
	char *text;
};

/* Words that name what a checkbox member stands for (reciprocal:
 * 宛名システム等 stands for a system named 団体内統合宛名…). */
struct fdef_alias {
	char *member;
	char **words;
	size_t nwords;
};

struct fdef_check {
	char *id;
	enum fdef_check_kind kind;
	enum diag_sev sev;
	const struct fdef_node *scope;
	const struct fdef_node *at;
	struct cond *when; /* precondition (the whole rule for CK_WHEN) */
	char *message;
	char *statement; /* plain-language rule for `hyoka rules` */
	const struct fdef_node **nodes;
	size_t nnodes;
	char **words; /* contains: finds */
	size_t nwords;
	char **ends; /* contains: the text must end with one of these */
	size_t nends;
	char *value;    /* threshold: the incident answer; contains: suffix;
	                   derive: the answer offered */
	char *value_no; /* threshold: the answer that rules an incident out */
	long *bounds;   /* threshold: least people of each handlers option */
	size_t nbounds;
	long limit; /* threshold: handlers from this many count as many */
	char *unsure_message; /* threshold: when the data cannot decide */
	enum diag_sev unsure_sev;
	struct fdef_text *texts; /* threshold: parts of {detail} */
	size_t ntexts;
	struct fdef_alias *aliases; /* reciprocal: what members stand for */
	size_t naliases;
	char **tails; /* contains: also accept the part after these */
	size_t ntails;
	int months; /* reminder period */
	const struct fdef_node **reads;
	size_t nreads;
	bool reads_all; /* it reads the whole document (change_baseline):
	                   any change may change its findings */
	int line, col;
};

struct fdef_version {
	char *id;
	char *label;
	char *description;
	char *mark; /* printed on the cover ([平成30年5月 様式3]), or NULL */
};

/* The printed layout's own words and marks (the form's print: section),
 * used by `hyoka export`; present is false when the form has none. */
struct fdef_print {
	bool present;
	const struct fdef_node *header;    /* item printed atop every page */
	const struct fdef_node *file_name; /* names a file in its headings */
	char *contents;                    /* heading of the list of parts */
	char *chosen;                      /* the chosen option, * = it */
	char *choices;                     /* printed before the options */
	char *checked;                     /* mark of a checked box */
	char *unchecked;                   /* mark of an empty box */
	char *companion;                   /* a member's text, * = the text */
	char *count;                       /* a member's count, * = count */
	char *range;                       /* between the ends of a range */
	char *file_heading; /* {title}, {n} and {name} of a file's part */
	char *file_sheet;   /* {short} and {n}: a file's part as a sheet */
	char *join;         /* between checked labels in one CSV cell */
	char *csv_header[3];
	size_t *ranges; /* last block of each printed group of blocks */
	size_t nranges;
};

/* A catalog rule carried out by the conditions of items (their rule:),
 * with its statement for `hyoka rules`. */
struct fdef_rule {
	char *id;
	char *statement;
};

struct fdef {
	char *file;
	char *id;
	char *title;
	struct fdef_version *versions;
	size_t nversions;
	size_t default_version;
	struct fdef_node *root;
	struct fdef_node **all; /* every node in document order */
	size_t nall;
	struct fdef_check *checks;
	size_t nchecks;
	struct fdef_heading **headings; /* in document order */
	size_t nheadings;
	struct fdef_rule *rules;
	size_t nrules;
	struct fdef_print print;
};

struct fdef *fdef_load(const char *path, struct diag_list *diags);
struct fdef *fdef_load_builtin(struct diag_list *diags);
struct fdef *fdef_load_mem(const char *name, const char *buf, size_t len,
                           struct diag_list *diags);
void fdef_free(struct fdef **fd);
const struct fdef_node *fdef_find(const struct fdef *fd, const char *path);
const struct fdef_node *fdef_resolve(const struct fdef_node *scope,
                                     const char *path);
const char *fdef_check_kind_name(enum fdef_check_kind k);
const struct fdef_rule *fdef_rule_find(const struct fdef *fd, const char *id);
const char *fdef_check_text(const struct fdef_check *c, const char *key);
const struct fdef_node *fdef_child(const struct fdef_node *n, const char *key);
bool fdef_names_block(const struct fdef_node *n);
const struct fdef_node *fdef_role(const struct fdef *fd, const char *role);
int fdef_version_find(const struct fdef *fd, const char *id);
bool fdef_in_version(const struct fdef_node *n, size_t version);
bool fdef_member_in_version(const struct fdef_member *m, size_t version);
const char *fdef_type_name(enum fdef_type t);
char *fdef_fill_stars(const char *tmpl, const size_t *idx, size_t nidx);
char *fdef_ref_at(const struct fdef_node *n, const size_t *idx, size_t nidx);
char *fdef_label_at(const struct fdef_node *n, const size_t *idx, size_t nidx);
long fdef_option_index(const struct fdef_node *n, const char *s);
const char *fdef_example_for(const struct fdef_node *n, size_t version);
long fdef_member_index(const struct fdef_node *n, const char *s,
                       size_t version);

#endif
