/* Conversion at the edges: command-line arguments, standard input and
 * output follow the locale's charset (UTF-8 or EUC-JP); inside, UTF-8.
 * File names are bytes, never converted; messages show them converted. */
#ifndef HYOKA_CHARSET_H
#define HYOKA_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A character that a named charset cannot hold exactly. */
struct charset_issue {
	size_t offset;    /* byte offset in the UTF-8 text */
	uint32_t cp;      /* the character */
	uint32_t becomes; /* the look-alike it reads back as, 0: no code */
};

struct charset_enc;

void charset_init(void);
bool charset_is_utf8(void);
const char *charset_name(void);
char *charset_to_utf8(const char *s);
char *charset_from_utf8(const char *s);
char *charset_encode(const char *s);
bool charset_can_show(const char *s);
char *charset_from_utf8_exact(const char *s, char **lossy);
void charset_add_name(const char *raw);
char *charset_show_names(const char *text);
/* Convert len bytes of buf from the charset from (an iconv name) to UTF-8;
 * NULL when buf is not valid text in it, with the offset of the first bad
 * byte in *bad. Caller frees. */
char *charset_decode(const char *from, const char *buf, size_t len,
                     size_t *bad);
void charset_fputs(FILE *fp, const char *utf8);
void charset_printf(FILE *fp, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
const char *charset_canonical(const char *name);
struct charset_enc *charset_enc_new(const char *name);
void charset_enc_free(struct charset_enc **e);
char *charset_enc_run(struct charset_enc *e, const char *s, size_t n,
                      size_t *outlen, struct charset_issue **issues,
                      size_t *nissues);

#endif
