/* Fuzz target: the document loader (docio_load_mem) with the real form.
 *
 * Invariants checked after every input:
 * - a document that loads emits, the emitted text loads back without an
 *   error, and emitting the reloaded document gives the same bytes
 *   (save-reload fixpoint);
 * - check_doc runs on it, and reports as many findings of each severity
 *   for the reloaded document as for the loaded one;
 * - a document that does not load produced at least one error with a
 *   line and column, and no half-built document is returned;
 * - a document that loads is exported (text, CSV in CP932, HTML): the
 *   text starts with the form's title, and the CSV is written or every
 *   character it could not write is reported.
 *
 * The form is forms/jyuten.yaml, found through $HYOKA_FUZZ_FORM (set by
 * tests/fuzz/run.sh) or the source tree of the build. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "fuzz.h"

static struct fdef *form;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Export a loaded document in the formats that need no file. */
static void
fuzz_export(const struct doc *d)
{
	static const struct export_opts text = {EXPORT_TEXT, NULL,  false,
	                                        false,       false, true};
	static const struct export_opts csv = {EXPORT_CSV, "CP932", false,
	                                       false,      false,   false};
	static const struct export_opts html = {EXPORT_HTML, NULL,  false,
	                                        false,       false, false};
	struct export_result r;
	bool ok;

	ok = export_render(d, &text, &r);
	FUZZ_CHECK(ok && r.len >= strlen(form->title) &&
	                   memcmp(r.buf, form->title, strlen(form->title)) == 0,
	           "the text export does not start with the form's title");
	export_result_fini(&r);
	ok = export_render(d, &csv, &r);
	FUZZ_CHECK(ok || r.nlost > 0,
	           "the CSV export failed without a character to blame");
	export_result_fini(&r);
	ok = export_render(d, &html, &r);
	FUZZ_CHECK(ok, "the HTML export failed");
	export_result_fini(&r);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup_env();
	form = fuzz_load_real_form();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct doc *d;
	/* An exact-size copy, so that ASan catches any read past the end. */
	char *buf = xmalloc(size ? size : 1);

	memcpy(buf, data, size);
	diag_list_init(&dl);
	d = docio_load_mem(form, "fuzz.yaml", buf, size, &dl);
	if (d == NULL) {
		if (!fuzz_has_positioned_error(&dl))
			fuzz_dump_diags("load", &dl);
		FUZZ_CHECK(
		        fuzz_has_positioned_error(&dl),
		        "a refused document has no error with a line number");
	} else {
		FUZZ_CHECK(diag_count(&dl, DIAG_ERROR) == 0,
		           "a document loaded although errors were reported");
		FUZZ_CHECK(d->fd == form && d->version < form->nversions,
		           "bad form or version in a loaded document");
		fuzz_roundtrip(form, d, true);
		fuzz_export(d);
		doc_free(&d);
	}
	diag_list_fini(&dl);
	free(buf);
	return 0;
}
