/* Tables of an imported assessment: the rows of 別添1 (記録項目: groups
 * and items, as a list under <group> headings, as items separated by
 * blanks, or as tables of No. and 項目名 printed side by side) and the rows
 * of a table whose header row names the items of a block (別添2 変更箇所:
 * one block per row). */
#ifndef HYOKA_ITABLE_H
#define HYOKA_ITABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "fdef.h"
#include "ivalue.h"

/* Rows read for a table item: ncolumns cells per row, row by row. */
struct itable_rows {
	char **cells;
	size_t nrows;
	size_t ncols;
	size_t *file; /* per row: the file a "k) name" heading named (0: none)
	               */
	bool *used;   /* per region line: explained by the rows */
	char *reason; /* why the reading is uncertain, or NULL */
};

/* Read the rows of the table item n (its columns) from the lines of its
 * section. Caller frees *out with itable_fini(). */
void itable_annex(const struct fdef_node *n, const struct ivalue_line *lines,
                  size_t nlines, const struct ivalue_ctx *cx,
                  struct itable_rows *out);

/* Release what itable_annex() stored. */
void itable_fini(struct itable_rows *t);

/* The widest column (in characters) where text is counted. */
#define ITABLE_WIDEST 1000

/* The columns of a table in layout text under one printing of its header
 * row: where its labels are, and where the cells of the lines under it
 * start and end in each column (the left edge of a column, when its lines
 * show it). Positions are in characters, as pdftotext -layout places them. */
struct itable_cols {
	int *center;      /* per column: the centre of its label */
	int *start;       /* per column: where its label starts */
	size_t n;         /* columns */
	unsigned *starts; /* [column * width + x]: cells (runs of two blanks
	                     or more apart) of the column starting at x */
	unsigned *ends;   /* likewise, ending at x */
	unsigned *total;  /* per column: its cells */
	size_t width;
};

/* Set *k (caller finalizes) to the columns of a header printed on one
 * line: its n cells, starting at col[]. */
void itable_cols_set(struct itable_cols *k, char *const *cells, const int *col,
                     size_t n);

/* Count in k where the cells of line (a line under the header) start and
 * end in each column. */
void itable_cols_add(struct itable_cols *k, const char *line);

/* Return where the cells of column c of k start on most lines, when the
 * lines show it (two cells and a quarter of the column's), or -1. No
 * memory. */
int itable_edge(const struct itable_cols *k, size_t c);

/* Release what k holds. */
void itable_cols_fini(struct itable_cols *k);

/* Split a line of a table printed with a header row into its k->n cells:
 * by tabs when the line has any, else word by word by the columns k.
 * Returns new strings, "" for an empty cell; when at is not NULL, stores
 * in at[c] the column where the text of cell c starts (-1: none, or split
 * by tabs). Caller frees. */
char **itable_split(const char *line, const struct itable_cols *k, int *at);

/* Join the cells of a header row printed over lines[0..nlines) of layout
 * text (a label broken inside a narrow cell: 提 / 出 / 時 / 期): the cells
 * of the first line, each followed by the pieces of the lines below that
 * start under it; with words, the cells of the lines are apart by any
 * blank (two labels printed one blank apart). Sets *k (caller finalizes)
 * to its columns; returns its k->n cells. Caller frees. */
char **itable_header(const char *const *lines, size_t nlines, bool words,
                     struct itable_cols *k);

/* Split a line into its cells (tabs, or runs of two blanks or more; with
 * words, every blank) with the column (in characters) where each starts.
 * Caller frees the cells and *col. */
char **itable_cells(const char *line, bool words, size_t *n, int **col);

#endif
