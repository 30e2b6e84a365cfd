#include <config.h>
#include "isrc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "ibox.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

extern char **environ;

/* The largest source read: a published assessment is well under 5 MB. */
#define ISRC_MAX (64u << 20)

/* Read all of fd into sb, at most ISRC_MAX bytes; false on an error. */
static bool
isrc_slurp(int fd, struct sbuf *sb)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (sb->len + (size_t)n > ISRC_MAX) {
			errno = EFBIG;
			return false;
		}
		sbuf_add(sb, buf, (size_t)n);
	}
	return true;
}

/* Map an encoding name to the iconv name used and its display name (both
 * static); false for a name hyoka does not know. */
static bool
isrc_encoding_name(const char *name, const char **iconv_name,
                   const char **shown)
{
	static const struct {
		const char *name, *iconv, *shown;
	} names[] = {
	        {"UTF-8", "UTF-8", "UTF-8"},
	        {"UTF8", "UTF-8", "UTF-8"},
	        {"CP932", "CP932", "CP932"},
	        {"SJIS", "CP932", "CP932"},
	        {"Shift_JIS", "CP932", "CP932"},
	        {"Shift-JIS", "CP932", "CP932"},
	        {"MS932", "CP932", "CP932"},
	        {"Windows-31J", "CP932", "CP932"},
	        {"EUC-JP", "EUC-JP-MS", "EUC-JP"},
	        {"EUCJP", "EUC-JP-MS", "EUC-JP"},
	        {"eucJP", "EUC-JP-MS", "EUC-JP"},
	        {"EUC-JP-MS", "EUC-JP-MS", "EUC-JP"},
	        {"UTF-16", "UTF-16", "UTF-16"},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*iconv_name = names[i].iconv;
			*shown = names[i].shown;
			return true;
		}
	return false;
}

/* Count the characters of s that are usual in Japanese text (kana, the
 * common kanji, Japanese punctuation), to choose between two decodings
 * that both succeed. No memory. */
static size_t
isrc_japanese_score(const char *s)
{
	size_t n = strlen(s), score = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		if ((cp >= 0x3041 && cp <= 0x30FF) ||
		    (cp >= 0x4E00 && cp <= 0x9FFF) ||
		    (cp >= 0x3000 && cp <= 0x3003))
			score++;
	}
	return score;
}

/* Make the line ends of text LF (CRLF and CR become LF) in place; return
 * the new length. No memory. */
static size_t
isrc_lf(char *text, size_t len)
{
	size_t w = 0;

	for (size_t r = 0; r < len; r++) {
		if (text[r] == '\r') {
			text[w++] = '\n';
			if (r + 1 < len && text[r + 1] == '\n')
				r++;
		} else {
			text[w++] = text[r];
		}
	}
	text[w] = '\0';
	return w;
}

/* Remove the characters no document may hold (controls other than tab,
 * line end and form feed; U+FFFE, U+FFFF) from UTF-8 text in place;
 * return the new length. No memory. */
static size_t
isrc_printable(char *text, size_t len)
{
	size_t w = 0;

	for (size_t r = 0; r < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + r, len - r, &cp);
		bool keep = cp == '\t' || cp == '\n' || cp == '\r' ||
		            cp == '\f' ||
		            (cp >= 0x20 && cp != 0x7F &&
		             !(cp >= 0x80 && cp <= 0x9F) && cp != 0xFFFE &&
		             cp != 0xFFFF);

		if (keep) {
			memmove(text + w, text + r, n);
			w += n;
		}
		r += n;
	}
	text[w] = '\0';
	return w;
}

/* Store decoded text (taken) in src. */
static void
isrc_take(struct isrc *src, char *text, const char *encoding)
{
	src->text = text;
	src->len = isrc_lf(text, isrc_printable(text, strlen(text)));
	src->encoding = encoding;
}

/* Decode len bytes of text into src (see isrc.h). */
enum isrc_error
isrc_decode(const char *buf, size_t len, const char *encoding, struct isrc *src,
            char **err)
{
	const char *iconv_name = NULL, *shown = NULL;
	char *euc, *sjis;
	size_t bad = 0, bad2 = 0;

	memset(src, 0, sizeof *src);
	*err = NULL;
	if (encoding != NULL &&
	    !isrc_encoding_name(encoding, &iconv_name, &shown)) {
		*err = xasprintf(_("unknown encoding \"%s\"; use UTF-8, CP932 "
		                   "(Shift_JIS) or EUC-JP"),
		                 encoding);
		return ISRC_BAD_NAME;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 &&
	    (shown == NULL || strcmp(shown, "UTF-8") == 0)) {
		buf += 3;
		len -= 3;
		shown = "UTF-8";
		iconv_name = "UTF-8";
	} else if (len >= 2 &&
	           (memcmp(buf, "\xff\xfe", 2) == 0 ||
	            memcmp(buf, "\xfe\xff", 2) == 0) &&
	           shown == NULL) {
		shown = "UTF-16";
		iconv_name = "UTF-16";
	}
	if (shown != NULL && strcmp(shown, "UTF-8") == 0) {
		if (!utf8_valid(buf, len, &bad) || memchr(buf, '\0', len)) {
			const char *nul = memchr(buf, '\0', len);

			if (nul != NULL && (size_t)(nul - buf) < bad)
				bad = (size_t)(nul - buf);
			*err = xasprintf(_("the text is not valid UTF-8 (byte "
			                   "%zu); give the right --encoding "
			                   "(CP932 or EUC-JP)"),
			                 bad + 1);
			return ISRC_ENCODING;
		}
		isrc_take(src, xstrndup(buf, len), "UTF-8");
		return ISRC_OK;
	}
	if (shown != NULL) {
		char *t = charset_decode(iconv_name, buf, len, &bad);

		if (t == NULL) {
			*err = xasprintf(_("the text is not valid %s (byte "
			                   "%zu); give the right --encoding"),
			                 shown, bad + 1);
			return ISRC_ENCODING;
		}
		isrc_take(src, t, shown);
		return ISRC_OK;
	}
	if (utf8_valid(buf, len, &bad) && memchr(buf, '\0', len) == NULL) {
		isrc_take(src, xstrndup(buf, len), "UTF-8");
		return ISRC_OK;
	}
	/* Shift_JIS lead bytes 0x81-0x9F are not EUC-JP; EUC-JP pairs often
	 * read as half-width katakana in CP932. Take the one that decodes,
	 * and when both do, the one that reads more like Japanese. */
	euc = charset_decode("EUC-JP-MS", buf, len, &bad);
	sjis = charset_decode("CP932", buf, len, &bad2);
	if (euc != NULL && sjis != NULL) {
		if (isrc_japanese_score(sjis) > isrc_japanese_score(euc)) {
			free(euc);
			euc = NULL;
		} else {
			free(sjis);
			sjis = NULL;
		}
	}
	if (euc != NULL) {
		isrc_take(src, euc, "EUC-JP");
		return ISRC_OK;
	}
	if (sjis != NULL) {
		isrc_take(src, sjis, "CP932");
		return ISRC_OK;
	}
	*err = xasprintf(_("the text is neither UTF-8, CP932 (Shift_JIS) nor "
	                   "EUC-JP (byte %zu); give the right --encoding"),
	                 (bad > bad2 ? bad : bad2) + 1);
	return ISRC_ENCODING;
}

/* Run the tool argv[0] (found on PATH) with argv; store its output in out
 * (at most ISRC_MAX bytes) and the start of its error output in msg.
 * Return 0 when it ran and exited 0, ENOENT when it is not installed,
 * -1 when it failed (msg says why), another errno when it could not be
 * started. */
static int
isrc_run(char *const argv[], struct sbuf *out_sb, struct sbuf *msg)
{
	posix_spawn_file_actions_t fa;
	int out[2], errp[2], status = 0;
	pid_t pid;
	int rc;

	if (pipe(out) != 0)
		return errno;
	if (pipe(errp) != 0) {
		rc = errno;
		close(out[0]);
		close(out[1]);
		return rc;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, errp[0]);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(errp[1]);
	if (rc != 0) {
		close(out[0]);
		close(errp[0]);
		return rc;
	}
	{
		/* Read both pipes together: a full stderr must not stall the
		 * tool while stdout is read. */
		struct pollfd p[2] = {{out[0], POLLIN, 0},
		                      {errp[0], POLLIN, 0}};
		int open = 2;
		bool ok = true;

		while (open > 0) {
			if (poll(p, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				ok = false;
				break;
			}
			for (int i = 0; i < 2; i++) {
				char buf[65536];
				ssize_t n;

				if (p[i].fd < 0 || p[i].revents == 0)
					continue;
				n = read(p[i].fd, buf, sizeof buf);
				if (n < 0 && errno == EINTR)
					continue;
				if (n <= 0) {
					close(p[i].fd);
					p[i].fd = -1;
					open--;
				} else if (i == 0 && out_sb->len + (size_t)n <=
				                             ISRC_MAX) {
					sbuf_add(out_sb, buf, (size_t)n);
				} else if (i == 1 && msg->len < 4096) {
					sbuf_add(msg, buf, (size_t)n);
				} else if (i == 0) {
					ok = false;
				}
			}
		}
		for (int i = 0; i < 2; i++)
			if (p[i].fd >= 0)
				close(p[i].fd);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (ok && WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return ENOENT;
		if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return -1;
	}
	return 0;
}

/* Run pdftotext -layout on the PDF at path and store its output in sb.
 * Returns ISRC_OK, ISRC_NO_TOOL or ISRC_TOOL (then *err, caller frees). */
static enum isrc_error
isrc_pdftotext(const char *path, struct sbuf *sb, char **err)
{
	char a0[] = "pdftotext", a1[] = "-layout", a2[] = "-enc",
	     a3[] = "UTF-8", a5[] = "-";
	char *argv[] = {a0, a1, a2, a3, (char *)path, a5, NULL};
	struct sbuf msg;
	int rc;

	sbuf_init(&msg);
	rc = isrc_run(argv, sb, &msg);
	if (rc == -1) {
		char *nl = strchr(msg.buf, '\n');

		if (nl != NULL)
			*nl = '\0';
		*err = xasprintf(_("pdftotext could not read the PDF "
		                   "(%s); give the text of the PDF "
		                   "instead (copy it from a PDF viewer)"),
		                 msg.len ? msg.buf : _("no message"));
		sbuf_fini(&msg);
		return ISRC_TOOL;
	}
	sbuf_fini(&msg);
	if (rc == 0)
		return ISRC_OK;
	if (rc == ENOENT) {
		*err = xstrdup(_("this is a PDF, and pdftotext (poppler-utils) "
		                 "is not installed: install it (apt-get "
		                 "install poppler-utils), or give the text of "
		                 "the PDF instead (copy all of it from a PDF "
		                 "viewer into a text file)"));
		return ISRC_NO_TOOL;
	}
	*err = xasprintf(_("pdftotext could not be started: %s"), strerror(rc));
	return ISRC_TOOL;
}

/* Read where the printed lines of the PDF at path end (pdftohtml -xml of
 * poppler-utils, ibox.h) into src->box; src->boxed says whether it could
 * be read (otherwise the import reads the layout text alone). */
static void
isrc_pdfboxes(const char *path, struct isrc *src)
{
	char a0[] = "pdftohtml", a1[] = "-xml", a2[] = "-i", a3[] = "-q",
	     a4[] = "-noroundcoord", a5[] = "-zoom", a6[] = "1", a7[] = "-enc",
	     a8[] = "UTF-8", a9[] = "-stdout";
	char *argv[] = {a0, a1, a2, a3, a4,           a5,
	                a6, a7, a8, a9, (char *)path, NULL};
	struct sbuf out, msg;

	sbuf_init(&out);
	sbuf_init(&msg);
	if (isrc_run(argv, &out, &msg) == 0) {
		ibox_parse(out.buf, out.len, &src->box);
		src->boxed = true;
	}
	sbuf_fini(&out);
	sbuf_fini(&msg);
}

/* Read the source file path into src (see isrc.h). */
enum isrc_error
isrc_load(const char *path, const char *encoding, struct isrc *src, char **err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct sbuf sb;
	enum isrc_error e;
	bool ok;

	memset(src, 0, sizeof *src);
	*err = NULL;
	if (fd < 0) {
		*err = xasprintf(_("cannot read %s: %s"), path,
		                 strerror(errno));
		return ISRC_READ;
	}
	sbuf_init(&sb);
	ok = isrc_slurp(fd, &sb);
	if (!is_stdin)
		close(fd);
	if (!ok) {
		*err = xasprintf(_("cannot read %s: %s"), path,
		                 strerror(errno));
		sbuf_fini(&sb);
		return ISRC_READ;
	}
	if (sb.len >= 5 &&
	    memmem(sb.buf, sb.len < 1024 ? sb.len : 1024, "%PDF-", 5) != NULL) {
		struct sbuf text;

		sbuf_fini(&sb);
		if (is_stdin) {
			*err = xstrdup(_("a PDF cannot be read from standard "
			                 "input; give its file name"));
			return ISRC_READ;
		}
		sbuf_init(&text);
		e = isrc_pdftotext(path, &text, err);
		if (e != ISRC_OK) {
			sbuf_fini(&text);
			return e;
		}
		e = isrc_decode(text.buf, text.len, "UTF-8", src, err);
		sbuf_fini(&text);
		src->pdf = true;
		if (e == ISRC_OK)
			isrc_pdfboxes(path, src);
		if (e == ISRC_OK && src->boxed) {
			size_t n;
			char *t =
			        ibox_layout(&src->box, src->text, src->len, &n);

			free(src->text);
			src->text = t;
			src->len = n;
		}
		return e;
	}
	e = isrc_decode(sb.buf, sb.len, encoding, src, err);
	sbuf_fini(&sb);
	return e;
}

/* Release the text of src. */
void
isrc_fini(struct isrc *src)
{
	free(src->text);
	ibox_fini(&src->box);
	memset(src, 0, sizeof *src);
}
