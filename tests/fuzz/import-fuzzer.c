/* Fuzz target: the importer (isrc_decode with detection, import_text,
 * the report) with the real form. An input with a NUL byte is layout text
 * of a PDF, then the XML of pdftohtml -xml after the NUL: the XML is read
 * as where the printed lines end (ibox_parse), the text is mended by it
 * (ibox_layout) and imported with it, as isrc_load does for a PDF.
 *
 * Invariants checked after every input:
 * - text that decodes imports into a document (never none), and the
 *   document saves, loads back without an error, and saves again to the
 *   same bytes;
 * - the counts of the result match its notes, every note of an item names
 *   an item path, and every source line named is a line of the input;
 * - both reports render.
 *
 * The form is forms/jyuten.yaml, found through $HYOKA_FUZZ_FORM (set by
 * tests/fuzz/run.sh) or the source tree of the build. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "ibox.h"
#include "import.h"
#include "ireport.h"
#include "isrc.h"

static struct fdef *form;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	/* An exact-size copy, so that ASan catches any read past the end. */
	char *buf = xmalloc(size ? size : 1);
	struct import_opts o = {NULL, false, NULL};
	struct ireport_source rs = {"in", "UTF-8", false, "out.yaml", false};
	struct import_result r;
	struct isrc src;
	size_t counts[3] = {0, 0, 0}, len, lines = 1;
	char *err = NULL, *out, *rep;
	struct diag_list dl;

	const uint8_t *nul = memchr(data, '\0', size);
	size_t tsize = nul != NULL ? (size_t)(nul - data) : size;
	struct ibox box = {NULL, 0};

	memcpy(buf, data, size);
	if (isrc_decode(buf, tsize, NULL, &src, &err) != ISRC_OK) {
		FUZZ_CHECK(err != NULL, "a refused source has no message");
		free(err);
		free(buf);
		return 0;
	}
	if (nul != NULL) {
		char *xml = xmalloc(size - tsize);
		size_t n;

		/* An exact-size copy of the XML too. */
		memcpy(xml, data + tsize + 1, size - tsize - 1);
		ibox_parse(xml, size - tsize - 1, &box);
		free(xml);
		for (size_t i = 1; i < box.n; i++)
			FUZZ_CHECK(
			        box.v[i - 1].page < box.v[i].page ||
			                (box.v[i - 1].page == box.v[i].page &&
			                 strcmp(box.v[i - 1].key,
			                        box.v[i].key) <= 0),
			        "the printed lines are not in order");
		{
			char *t = ibox_layout(&box, src.text, src.len, &n);

			FUZZ_CHECK(n == strlen(t), "the mended text's length");
			free(src.text);
			src.text = t;
			src.len = n;
		}
		o.box = &box;
		o.pdf = true;
	}
	for (size_t i = 0; i < src.len; i++)
		lines += src.text[i] == '\n';
	/* Layout reading too, for inputs with a form feed. */
	o.pdf = o.pdf || (size > 0 && data[0] == '\f');
	FUZZ_CHECK(import_text(form, src.text, src.len, &o, &r, &err),
	           "the import refused a text");
	FUZZ_CHECK(r.doc != NULL, "the import gave no document");
	for (size_t i = 0; i < r.nnotes; i++) {
		const struct import_note *n = &r.notes[i];

		FUZZ_CHECK(n->kind <= IMPORT_UNMAPPED, "a bad note kind");
		counts[n->kind]++;
		FUZZ_CHECK((n->kind == IMPORT_UNMAPPED) == (n->path == NULL),
		           "a note of an item without its path, or of a line "
		           "with one");
		FUZZ_CHECK(n->first >= 0 && n->first <= n->last &&
		                   (size_t)n->last <= lines,
		           "a note names lines %d-%d of %zu", n->first, n->last,
		           lines);
		FUZZ_CHECK(n->reason != NULL || n->kind == IMPORT_UNMAPPED,
		           "a note of an item without a reason");
	}
	FUZZ_CHECK(counts[IMPORT_UNCERTAIN] == r.nuncertain &&
	                   counts[IMPORT_MISSING] == r.nmissing &&
	                   counts[IMPORT_UNMAPPED] == r.nunmapped,
	           "the counts do not match the notes");
	out = docio_emit(r.doc, &len);
	FUZZ_CHECK(out != NULL, "an imported document does not save");
	diag_list_init(&dl);
	{
		struct doc *back =
		        docio_load_mem(form, "out.yaml", out, len, &dl);

		if (back == NULL)
			fuzz_dump_diags("reload", &dl);
		FUZZ_CHECK(back != NULL,
		           "an imported document does not load back");
		fuzz_roundtrip(form, back, false);
		doc_free(&back);
	}
	diag_list_fini(&dl);
	rep = ireport_text(&r, &rs);
	FUZZ_CHECK(rep != NULL && rep[0] != '\0', "no text report");
	free(rep);
	rep = ireport_tsv(&r);
	FUZZ_CHECK(rep != NULL && strncmp(rep, "kind\t", 5) == 0,
	           "no TSV report");
	free(rep);
	free(out);
	import_result_fini(&r);
	isrc_fini(&src);
	ibox_fini(&box);
	free(buf);
	return 0;
}
