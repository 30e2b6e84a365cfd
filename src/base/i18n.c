#include <config.h>
#include "i18n.h"

#include <locale.h>

#include "paths.h"

/* Set the locale from the environment and bind the message catalogue. */
void
i18n_init(void)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, paths_locale_dir());
	/* Messages stay UTF-8 inside; charset.c converts at the edge. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* strerror() texts too, so that they can be converted once. */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(PACKAGE);
#endif
}
