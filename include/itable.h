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

/* Split a line of a table printed with a header row into cells: by tabs
 * when the line has any, else at the columns where the header's cells
 * start (cols, ncols, in characters as pdftotext -layout places them). Returns
 * ncols new strings, "" for an empty cell; a line of layout text is split at
 * blanks, each word going to the column it starts in. Caller frees. */
char **itable_split(const char *line, const int *cols, size_t ncols);

/* Split a line into its cells (tabs, or runs of two blanks or more; with
 * words, every blank) with the column (in characters) where each starts.
 * Caller frees the cells and *col. */
char **itable_cells(const char *line, bool words, size_t *n, int **col);

#endif
