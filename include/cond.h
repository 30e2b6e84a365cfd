/* The condition language of form definitions: parse, type-check, evaluate.
 * Grammar and semantics: doc/form-definition.md. */
#ifndef HYOKA_COND_H
#define HYOKA_COND_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct fdef_node;

enum cond_op {
	COND_OR,
	COND_AND,
	COND_NOT,
	COND_EQ,
	COND_NE,
	COND_LT,
	COND_LE,
	COND_GT,
	COND_GE,
	COND_PATH,
	COND_STR,
	COND_NUM,
	COND_BOOL,
	COND_HAS,
	COND_EMPTY,
	COND_FILLED,
	COND_COUNT,
	COND_ANY,
	COND_ALL,
	COND_RANK,
};

enum cond_vtype {
	CONDV_BOOL,
	CONDV_STR,
	CONDV_SET,
	CONDV_NUM,
	CONDV_LIST, /* repeat or table: usable only through functions */
};

struct cond {
	enum cond_op op;
	enum cond_vtype type;
	struct cond *a;
	struct cond *b;
	char *str; /* COND_STR literal, COND_PATH source text */
	long num;
	const struct fdef_node *node; /* COND_PATH target */
	int line, col;
};

/* A value seen by the evaluator. Strings are borrowed from the document. */
struct cond_value {
	enum cond_vtype type;
	bool b;
	long n;
	const char *s;
	char *const *set;
	size_t nset;
};

/* How the evaluator reads a document. inst is an opaque instance (a group
 * of the document); node is resolved relative to it by the callee. */
struct cond_env {
	void *ctx;
	void (*get)(void *ctx, const void *inst, const struct fdef_node *node,
	            struct cond_value *out);
	size_t (*count)(void *ctx, const void *inst,
	                const struct fdef_node *node);
	const void *(*instance)(void *ctx, const void *inst,
	                        const struct fdef_node *repeat, size_t i);
};

/* Resolve a dotted path relative to scope; NULL when unknown. */
typedef const struct fdef_node *(*cond_resolve_fn)(
        void *ctx, const struct fdef_node *scope, const char *path);

struct cond_source {
	const char *file;
	int line, col; /* position of the expression text */
	cond_resolve_fn resolve;
	void *ctx;
};

struct cond *cond_parse(const char *text, const struct fdef_node *scope,
                        const struct cond_source *src, struct diag_list *diags);
void cond_free(struct cond **c);
bool cond_eval(const struct cond *c, const struct cond_env *env,
               const void *inst);
void cond_reads(const struct cond *c,
                void (*visit)(void *arg, const struct fdef_node *node),
                void *arg);

#endif
