/* Where hyoka finds its data: the build tree when run from it; else, when
 * the program lies in PREFIX/bin and PREFIX/share holds hyoka's folders, that
 * PREFIX (an installed tree copied elsewhere, as the tests do to run hyoka
 * as other users); else the configured prefix. HYOKA_FORMS_DIR overrides the
 * forms folder. */
#ifndef HYOKA_PATHS_H
#define HYOKA_PATHS_H

#include <stdbool.h>

bool paths_in_build_tree(void);
const char *paths_forms_dir(void);
const char *paths_locale_dir(void);
char *paths_state_dir(char **err);

#endif
