/* Where hyoka finds its data: the build tree when run from it, else the
 * installed prefix. HYOKA_FORMS_DIR overrides the forms folder. */
#ifndef HYOKA_PATHS_H
#define HYOKA_PATHS_H

#include <stdbool.h>

bool paths_in_build_tree(void);
const char *paths_forms_dir(void);
const char *paths_locale_dir(void);
char *paths_state_dir(char **err);

#endif
