#include <config.h>
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Make an empty buffer; the caller releases it with sbuf_fini(). */
void
sbuf_init(struct sbuf *sb)
{
	sb->cap = 64;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
	sb->len = 0;
}

/* Release the buffer's memory. */
void
sbuf_fini(struct sbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* Empty the buffer, keeping its memory. */
void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}

/* Ensure room for n more bytes plus the terminator. */
static void
sbuf_grow(struct sbuf *sb, size_t n)
{
	if (sb->len + n + 1 <= sb->cap)
		return;
	while (sb->len + n + 1 > sb->cap)
		sb->cap *= 2;
	sb->buf = xreallocarray(sb->buf, sb->cap, 1);
}

/* Append n bytes. */
void
sbuf_add(struct sbuf *sb, const char *s, size_t n)
{
	sbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/* Append a NUL-terminated string. */
void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

/* Append formatted text from a va_list: written into the room the buffer
 * has, formatted again only when it did not fit. */
void
sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room = sb->cap - sb->len;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

/* Append formatted text. */
void
sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* Hand the string to the caller, who frees it; the buffer is released and
 * must be initialised again before reuse. */
char *
sbuf_detach(struct sbuf *sb)
{
	char *s = sb->buf;

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

/* Append what is left in a stream, stopping once more than max bytes
 * were read (so sb->len > max says the stream is longer); false on a read
 * error (what was read stays). */
bool
sbuf_read(struct sbuf *sb, FILE *fp, size_t max)
{
	char buf[65536];
	size_t n, start = sb->len;

	while (sb->len - start <= max &&
	       (n = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(sb, buf, n);
	return !ferror(fp);
}
