/* Checking a document: required items, types and the form's checks. */
#ifndef HYOKA_CHECK_H
#define HYOKA_CHECK_H

#include "diag.h"
#include "doc.h"
#include "resolve.h"

/* The rule of the warning about an imported value not yet confirmed. */
#define CHECK_REVIEW_RULE "review"

void check_doc(const struct doc *d, const char *file, struct diag_list *out);
void check_doc_lean(const struct doc *d, const char *file,
                    struct diag_list *out);
/* What an editor keeps from one check of a document to the next: the
 * change log resolved, and the items it names for sure (by node id). */
struct check_memo {
	struct resolve_log log;
	bool have_log;
	unsigned char *named;
};

void check_doc_memo(const struct doc *d, const char *file,
                    struct diag_list *out, struct check_memo *m);
void check_memo_fini(struct check_memo *m);
/* How a partial check runs a form check again (check_partial()). */
enum check_again {
	CHECK_KEEP,     /* not at all: its findings stay */
	CHECK_ALL,      /* over the whole document */
	CHECK_INSTANCE, /* only in the instance the change is confined to */
};

const struct doc_group *check_local(const struct doc *d,
                                    const struct doc_group *g,
                                    const unsigned char *nodes,
                                    unsigned char *checks);
bool check_elsewhere(const void *g, const struct doc_group *inst);
void check_partial(const struct doc *d, const char *file,
                   const unsigned char *nodes, const unsigned char *checks,
                   const struct doc_group *inst, struct check_memo *m,
                   bool log_same, struct diag_list *out);
void check_prune_accepts(struct doc *d);
bool check_stops_walk(const struct diag *d);
void check_position(const struct doc_group *g, const struct fdef_node *node,
                    int *line, int *col);

#endif
