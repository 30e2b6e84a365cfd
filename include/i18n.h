/* Message translation through gettext. */
#ifndef HYOKA_I18N_H
#define HYOKA_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

void i18n_init(void);

#endif
