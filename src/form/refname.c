#include <config.h>
#include "refname.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jtext.h"
#include "utf8.h"
#include "xalloc.h"

/* The ref of a node without its file prefix (F*:). Borrowed. */
const char *
refname_local(const struct fdef_node *n)
{
	const char *colon = strchr(n->ref, ':');

	return colon != NULL ? colon + 1 : n->ref;
}

/* Split a ref into its components at '-': the array and the strings in
 * one block, the strings after the array. Free with refname_free_split(). */
char **
refname_split(const char *ref, size_t *n)
{
	size_t len = strlen(ref), parts = 1;
	char **v, *s;

	for (const char *p = ref; *p; p++)
		parts += *p == '-';
	v = xmalloc(parts * sizeof *v + len + 1);
	s = memcpy((char *)(v + parts), ref, len + 1);
	*n = 0;
	v[(*n)++] = s;
	for (; *s; s++)
		if (*s == '-') {
			*s = '\0';
			v[(*n)++] = s + 1;
		}
	return v;
}

/* Free what refname_split() returned. */
void
refname_free_split(char **v)
{
	free(v);
}

/* The ①..⑳ a ref component is, or 0. No memory. */
int
refname_circled(const char *comp)
{
	uint32_t cp;
	size_t len = strlen(comp);

	if (len == 0 || utf8_decode(comp, len, &cp) != len)
		return 0;
	return jtext_circled(cp);
}

/* The number a ref component is (the 4 of I-4), or 0. No memory. */
int
refname_number(const char *comp)
{
	int v = 0;

	if (*comp == '\0' || strlen(comp) > 3)
		return 0;
	for (const char *p = comp; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* The word of a repeat's instance label (システム of システム*). Caller
 * frees. */
char *
refname_instance_word(const struct fdef_node *repeat)
{
	const char *l = repeat->instance_label;
	const char *star = l ? strchr(l, '*') : NULL;

	if (star == NULL || star == l)
		return NULL;
	return xstrndup(l, (size_t)(star - l));
}
