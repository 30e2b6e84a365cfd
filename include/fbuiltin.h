/*
 * The form definition compiled in: forms/jyuten.yaml as the tree the YAML
 * loader would build (src/form/fbuiltin.c, written by fbuiltin-gen at
 * build time), so that hyoka reads its own form without a data file and
 * without parsing YAML. fdef_load_builtin() builds the form from it.
 */
#ifndef HYOKA_FBUILTIN_H
#define HYOKA_FBUILTIN_H

#include "ytree.h"

/* The root of the tree of forms/jyuten.yaml. Static data. */
extern const struct ytree *const fbuiltin_root;

#endif
