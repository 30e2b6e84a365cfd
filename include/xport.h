/* The printed layout of an assessment (様式3 as published): computed once
 * from the form definition and the document as parts, rows and cells that
 * every export format (HTML, xlsx, text, CSV) renders. Every word of the
 * layout comes from the form; hidden items print blank, as on paper. */
#ifndef HYOKA_XPORT_H
#define HYOKA_XPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum xport_row_kind {
	XPORT_TITLE, /* the document's title, first row of the cover */
	XPORT_SECTION, /* 1. 特定個人情報ファイルを取り扱う事務; cells: flags */
	XPORT_HEADING,  /* a block (システム1), group of blocks, risk ... */
	XPORT_ITEM,     /* label cell, content cell */
	XPORT_WIDE,     /* the label over the whole width, the content below */
	XPORT_NOTE,     /* printed text: the version mark */
	XPORT_CONTENTS, /* the list of parts; cells: one per part */
	XPORT_TABLE_HEAD, /* column labels of the part's table */
	XPORT_TABLE_ROW,  /* one row of the part's table */
};

enum xport_cell_kind {
	XPORT_TEXT,   /* text: the value as written */
	XPORT_CHOICE, /* [ 選択された値 ] <選択肢> 1) ... */
	XPORT_MARKS,  /* checkboxes ([○] / [ ]) with their ( ) companions */
};

/* An item of the document for messages: named for people
 * (name_item()) only when a message needs its name. */
struct xport_who {
	const struct doc_group *g;    /* its instance, or NULL */
	const struct fdef_node *node; /* the item, or NULL for none */
};

/* One checkbox of a set, or a stand-alone flag. */
struct xport_mark {
	const char *group; /* printed group heading before it, or NULL */
	const char *label;
	bool checked;
	bool has_extra; /* a ( ) text or ( n ) 件 count follows the label */
	bool count;     /* the extra is a count */
	char *extra;    /* its value, "" when blank or hidden */
	char *ref;      /* the companion item's reference, or NULL */
	char *xlabel;   /* the companion item's label, or NULL */
	struct xport_who xwho; /* the companion item */
};

struct xport_cell {
	enum xport_cell_kind kind;
	char *ref; /* the item's reference (F1:II-4-委託事項1-④), or NULL */
	char *label;          /* the item's label (csv), or NULL */
	struct xport_who who; /* the item (messages); none in a table */
	char *text; /* TEXT: the value; CHOICE: the chosen option or "" */
	const struct fdef_node *node; /* CHOICE: the options; MARKS: the set */
	struct xport_mark *marks;
	size_t nmarks;
	bool has_count; /* CHOICE: a ( n ) 件 count follows the options */
	char *count;    /* its value, "" when blank or hidden */
	char *count_ref;
	char *count_label;
	struct xport_who count_who;
	bool multiline; /* a TEXT cell of a text item (may hold lines) */
};

struct xport_row {
	enum xport_row_kind kind;
	char *text;  /* heading, label, note; a block table row's name */
	char *group; /* row group spanning consecutive rows, or NULL */
	bool block;  /* the row opens a block (システム1, 委託事項1) */
	struct xport_cell *cells;
	size_t ncells;
};

/* A part of the form: the cover, I, II of a file, ... Each starts a new
 * page and is one sheet of a workbook. */
struct xport_part {
	char *heading;    /* NULL for the cover */
	char *sheet;      /* a short name for a sheet */
	bool block_table; /* its table rows hold long texts (別添2) */
	struct xport_row *rows;
	size_t nrows;
	size_t *widths; /* of its table's columns: the widest cell's display
	                   width, within bounds; NULL without a table */
	size_t nwidths;
};

struct xport {
	const struct fdef *fd;
	const struct fdef_print *print;
	char *header; /* printed atop every page (the 評価書名), may be "" */
	char *footer; /* a draft's footer (未記入, findings), or NULL */
	struct xport_part *parts;
	size_t nparts;
};

struct xport *xport_build(const struct doc *d, const char *footer);
void xport_free(struct xport **x);
char *xport_mark_text(const struct xport *x, const struct xport_mark *m);
char *xport_choice_text(const struct xport *x, const char *chosen);
char *xport_count_text(const struct xport *x, const char *count);
char *xport_options_text(const struct xport *x, const struct fdef_node *n);
char *xport_csv_value(const struct xport *x, const struct xport_cell *c);

#endif
