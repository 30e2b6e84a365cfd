/* Diagnostics: findings and errors with a position, collected in a list. */
#ifndef HYOKA_DIAG_H
#define HYOKA_DIAG_H

#include <stdio.h>

enum diag_sev {
	DIAG_INFO,
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag {
	enum diag_sev sev;
	char *file; /* may be NULL */
	int line;   /* 1-based; 0 = no position */
	int col;    /* 1-based */
	char *ref; /* official reference such as II-4-委託事項1-④, or NULL */
	char *rule; /* rule id such as R3, or NULL */
	char *path; /* concrete item path, or NULL */
	char *name; /* the item as people read it (name.h), or NULL */
	char *msg;
	int accepted; /* a warning accepted with a reason */
	char *values; /* the values the finding was made for (acceptance):
	                 shared, see diag_values_new() */
	char *note;   /* the reason it was accepted, or NULL */
	size_t src;   /* 0: structural check; i + 1: the form's check i */
	size_t seq;   /* order of addition, for a stable sort */
	/* A form check's finding: the instance of its scope it was found in
	 * (a doc_group), or NULL. */
	const void *scope;
};

struct diag_list {
	struct diag *v;
	size_t n;
	size_t cap;
};

void diag_list_init(struct diag_list *dl);
void diag_fini(struct diag *d);
char *diag_values_new(const char *s);
char *diag_values_ref(char *v);
void diag_values_unref(char *v);
void diag_list_fini(struct diag_list *dl);
struct diag *diag_add(struct diag_list *dl, enum diag_sev sev, const char *file,
                      int line, int col, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));
void diag_set_ref(struct diag *d, const char *ref, const char *rule,
                  const char *path);
void diag_set_name(struct diag *d, const char *name);
void diag_take_ref(struct diag *d, char *ref, const char *rule, char *path);
void diag_take_name(struct diag *d, char *name);
size_t diag_count(const struct diag_list *dl, enum diag_sev sev);
const char *diag_sev_name(enum diag_sev sev);
void diag_sort(struct diag_list *dl);
void diag_move(struct diag_list *dst, struct diag *d);
char *diag_format(const struct diag *d);
void diag_print(FILE *fp, const struct diag *d);

#endif
