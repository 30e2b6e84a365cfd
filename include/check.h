/* Checking a document: required items, types and the form's checks. */
#ifndef HYOKA_CHECK_H
#define HYOKA_CHECK_H

#include "diag.h"
#include "doc.h"

/* The rule of the warning about an imported value not yet confirmed. */
#define CHECK_REVIEW_RULE "review"

void check_doc(const struct doc *d, const char *file, struct diag_list *out);
void check_doc_lean(const struct doc *d, const char *file,
                    struct diag_list *out);
void check_partial(const struct doc *d, const char *file,
                   const unsigned char *nodes, const unsigned char *checks,
                   struct diag_list *out);
void check_prune_accepts(struct doc *d);
bool check_stops_walk(const struct diag *d);
void check_position(const struct doc_group *g, const struct fdef_node *node,
                    int *line, int *col);

#endif
