/* Fuzz target: the form-definition loader (fdef_load_mem).
 *
 * Invariants checked after every input:
 * - a refused form produced at least one error with a line and column;
 * - a loaded form is a consistent tree: every node's parent lists it at
 *   its index, fd->all holds every node once in document order with
 *   all[id] == node, and fdef_find() of every node's path returns that
 *   node (the root's path is "");
 * - versions: 1..16, each id unique (fdef_version_find() finds version i
 *   for the id of version i), default in range;
 * - every condition reads only nodes of this form, and every check points
 *   at nodes of this form;
 * - a new blank document of every version satisfies the save-reload
 *   fixpoint and check_doc runs on it. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup_env();
	return 0;
}

/* Tell whether n is one of the form's nodes. */
static bool
in_form(const struct fdef *fd, const struct fdef_node *n)
{
	return n != NULL && n->id < fd->nall && fd->all[n->id] == n;
}

static void
reads_in_form(void *arg, const struct fdef_node *n)
{
	const struct fdef *fd = arg;

	FUZZ_CHECK(in_form(fd, n), "a condition reads a node outside the form");
}

/* Walk the tree in document order; *seen counts the nodes visited. */
static void
walk(const struct fdef *fd, const struct fdef_node *n, size_t *seen)
{
	const struct fdef_node *f;

	FUZZ_CHECK(n->id == *seen, "node \"%s\" has id %zu, expected %zu",
	           n->path, n->id, *seen);
	FUZZ_CHECK(n->id < fd->nall && fd->all[n->id] == n,
	           "fd->all[%zu] is not node \"%s\"", n->id, n->path);
	(*seen)++;
	FUZZ_CHECK(n->key != NULL && n->path != NULL && n->label != NULL &&
	                   n->ref != NULL,
	           "node without key, path, label or ref");
	f = fdef_find(fd, n->path);
	FUZZ_CHECK(f == n, "fdef_find(\"%s\") returns %s", n->path,
	           f ? f->path : "NULL");
	if (n->parent != NULL) {
		FUZZ_CHECK(n->index < n->parent->nkids &&
		                   n->parent->kids[n->index] == n,
		           "node \"%s\" is not at its index in its parent",
		           n->path);
		FUZZ_CHECK(fdef_child(n->parent, n->key) == n,
		           "fdef_child(parent, \"%s\") is another node",
		           n->key);
		FUZZ_CHECK(n->nrepeats == n->parent->nrepeats +
		                                  (n->kind == FDEF_REPEAT),
		           "bad repeat depth at \"%s\"", n->path);
	} else {
		FUZZ_CHECK(n == fd->root && n->path[0] == '\0',
		           "a node without a parent that is not the root");
	}
	if (n->kind == FDEF_REPEAT)
		FUZZ_CHECK(n->max >= 1 && n->min <= n->max,
		           "repeat \"%s\" with min %zu max %zu", n->path,
		           n->min, n->max);
	if (n->kind == FDEF_ITEM) {
		FUZZ_CHECK(n->type > FT_NONE && n->type <= FT_TABLE,
		           "item \"%s\" without a type", n->path);
		FUZZ_CHECK(n->nkids == 0, "item \"%s\" has children", n->path);
		if (n->type == FT_TABLE)
			FUZZ_CHECK(n->max >= 1 && n->ncolumns >= 1,
			           "table \"%s\" without rows or columns",
			           n->path);
	}
	if (n->companion_of != NULL)
		FUZZ_CHECK(in_form(fd, n->companion_of) &&
		                   n->companion_of->type == FT_MULTI &&
		                   n->member < n->companion_of->nmembers,
		           "bad companion at \"%s\"", n->path);
	cond_reads(n->show, reads_in_form, (void *)fd);
	cond_reads(n->required, reads_in_form, (void *)fd);
	if (n->show != NULL)
		FUZZ_CHECK(n->show->type == CONDV_BOOL,
		           "show of \"%s\" is not a true/false condition",
		           n->path);
	if (n->required != NULL)
		FUZZ_CHECK(n->required->type == CONDV_BOOL,
		           "required of \"%s\" is not a true/false condition",
		           n->path);
	for (size_t i = 0; i < n->nreaders; i++)
		FUZZ_CHECK(in_form(fd, n->readers[i]),
		           "a reader of \"%s\" is outside the form", n->path);
	for (size_t i = 0; i < n->nkids; i++) {
		FUZZ_CHECK(n->kids[i]->parent == n,
		           "child %zu of \"%s\" has another parent", i,
		           n->path);
		walk(fd, n->kids[i], seen);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct fdef *fd;
	char *buf = xmalloc(size ? size : 1);
	size_t seen = 0;

	memcpy(buf, data, size);
	diag_list_init(&dl);
	fd = fdef_load_mem("fuzz-form.yaml", buf, size, &dl);
	if (fd == NULL) {
		if (!fuzz_has_positioned_error(&dl))
			fuzz_dump_diags("load", &dl);
		FUZZ_CHECK(fuzz_has_positioned_error(&dl),
		           "a refused form has no error with a line number");
		goto out;
	}
	FUZZ_CHECK(diag_count(&dl, DIAG_ERROR) == 0,
	           "a form loaded although errors were reported");
	FUZZ_CHECK(fd->id != NULL && fd->root != NULL,
	           "form without id or root");
	FUZZ_CHECK(fd->nversions >= 1 && fd->nversions <= 16 &&
	                   fd->default_version < fd->nversions,
	           "%zu versions, default %zu", fd->nversions,
	           fd->default_version);
	for (size_t i = 0; i < fd->nversions; i++) {
		int k = fdef_version_find(fd, fd->versions[i].id);

		/* Documents name their version by id: ids must be unique. */
		FUZZ_CHECK(k >= 0 && (size_t)k == i,
		           "version %zu: fdef_version_find(\"%s\") = %d "
		           "(duplicate version id accepted)",
		           i, fd->versions[i].id, k);
	}
	walk(fd, fd->root, &seen);
	FUZZ_CHECK(seen == fd->nall, "the tree has %zu nodes, fd->all %zu",
	           seen, fd->nall);
	for (size_t i = 0; i < fd->nchecks; i++) {
		const struct fdef_check *c = &fd->checks[i];

		FUZZ_CHECK(c->id != NULL, "check %zu without id", i);
		FUZZ_CHECK(c->scope == NULL || in_form(fd, c->scope),
		           "check %s: scope outside the form", c->id);
		FUZZ_CHECK(c->at == NULL || in_form(fd, c->at),
		           "check %s: at outside the form", c->id);
		for (size_t j = 0; j < c->nnodes; j++)
			FUZZ_CHECK(in_form(fd, c->nodes[j]),
			           "check %s: node %zu outside the form", c->id,
			           j);
		for (size_t j = 0; j < c->nreads; j++)
			FUZZ_CHECK(in_form(fd, c->reads[j]),
			           "check %s: read %zu outside the form", c->id,
			           j);
		cond_reads(c->when, reads_in_form, fd);
		if (c->when != NULL)
			FUZZ_CHECK(
			        c->when->type == CONDV_BOOL,
			        "check %s: when is not a true/false condition",
			        c->id);
	}
	for (size_t v = 0; v < fd->nversions; v++) {
		struct doc *d = doc_new_blank(fd, v);

		fuzz_roundtrip(fd, d, true);
		doc_free(&d);
	}
	fdef_free(&fd);
	FUZZ_CHECK(fd == NULL, "fdef_free did not clear the pointer");
out:
	diag_list_fini(&dl);
	free(buf);
	return 0;
}
