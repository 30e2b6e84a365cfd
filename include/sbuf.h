/* Growable byte strings, always NUL-terminated. */
#ifndef HYOKA_SBUF_H
#define HYOKA_SBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sbuf_init(struct sbuf *sb);
void sbuf_fini(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);

/* Append one byte; inline, for text built a byte at a time. */
static inline void
sbuf_addc(struct sbuf *sb, char c)
{
	if (sb->len + 2 <= sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
	} else {
		sbuf_add(sb, &c, 1);
	}
}

void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));
char *sbuf_detach(struct sbuf *sb);
bool sbuf_read(struct sbuf *sb, FILE *fp, size_t max);

#endif
