/* Unit tests of where a PDF's printed lines end (ibox) and of the wrap
 * decision the importer takes from them (ivalue_text on layout text). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ibox.h"
#include "ivalue.h"
#include "sbuf.h"
#include "../tap.h"

/* A page as pdftohtml -xml -noroundcoord -zoom 1 prints it: a label
 * column at 40 and a value column at 200, whose full lines end at 495 or
 * 497 (font size 10). */
static const char page_xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<pdf2xml producer=\"poppler\" version=\"22.12.0\">\n"
        "<page number=\"1\" position=\"absolute\" top=\"0\" left=\"0\" "
        "height=\"841\" width=\"594\">\n"
        "<fontspec id=\"0\" size=\"10\" family=\"A\" color=\"#000000\"/>\n"
        /* A label beside its value: the label column ends before 200. */
        "<text top=\"100\" left=\"40\" width=\"60\" height=\"10\" "
        "font=\"0\">ラベル</text>\n"
        /* The cell: wrapped, broken, wrapped at a blank, broken. */
        "<text top=\"100\" left=\"200\" width=\"295\" height=\"10\" "
        "font=\"0\">一行目は右端まで続く</text>\n"
        "<text top=\"113\" left=\"200\" width=\"80\" height=\"10\" "
        "font=\"0\">次の行で終わる。</text>\n"
        "<text top=\"126\" left=\"200\" width=\"292.5\" height=\"10\" "
        "font=\"0\">空白で折り返した </text>\n"
        "<text top=\"139\" left=\"200\" width=\"20\" height=\"10\" "
        "font=\"0\">続き</text>\n"
        /* A line too near the edge to tell. */
        "<text top=\"200\" left=\"200\" width=\"287.2\" height=\"10\" "
        "font=\"0\">ぎりぎりの行</text>\n"
        "<text top=\"213\" left=\"200\" width=\"20\" height=\"10\" "
        "font=\"0\">最後</text>\n"
        /* A full line that ends a sentence, and one before an item. */
        "<text top=\"250\" left=\"200\" width=\"295\" height=\"10\" "
        "font=\"0\">文が右端で終わる。</text>\n"
        "<text top=\"263\" left=\"200\" width=\"30\" height=\"10\" "
        "font=\"0\">次の文</text>\n"
        "<text top=\"276\" left=\"200\" width=\"295\" height=\"10\" "
        "font=\"0\">箇条の前の行</text>\n"
        "<text top=\"289\" left=\"200\" width=\"30\" height=\"10\" "
        "font=\"0\">・箇条</text>\n"
        /* Three full lines of Latin letters set the edge at 497. */
        "<text top=\"300\" left=\"200\" width=\"297\" height=\"10\" "
        "font=\"0\">ABCDEFG</text>\n"
        "<text top=\"313\" left=\"200\" width=\"297\" height=\"10\" "
        "font=\"0\">HIJKLMN</text>\n"
        "<text top=\"326\" left=\"200\" width=\"297\" height=\"10\" "
        "font=\"0\">OPQRSTU</text>\n"
        /* Two runs of one line (a bracket of another font printed half a
         * letter back), and a radical for an ideograph. */
        "<text top=\"400\" left=\"200\" width=\"50\" height=\"10\" "
        "font=\"0\">限る。</text>\n"
        "<text top=\"400\" left=\"246\" width=\"20\" height=\"10\" "
        "font=\"0\">)及</text>\n"
        "<text top=\"420\" left=\"200\" width=\"20\" height=\"10\" "
        "font=\"0\">&lt;\xe2\xba\xa0&gt;</text>\n"
        "<text top=\"440\" left=\"200\" width=\"30\" height=\"10\" "
        "font=\"0\">ア イ</text>\n"
        "</page>\n"
        "<page number=\"2\" position=\"absolute\" top=\"0\" left=\"0\" "
        "height=\"841\" width=\"594\">\n"
        "<text top=\"100\" left=\"200\" width=\"30\" height=\"10\" "
        "font=\"0\">同じ行</text>\n"
        "<text top=\"100\" left=\"300\" width=\"30\" height=\"10\" "
        "font=\"0\">同じ行</text>\n"
        "</page>\n"
        "</pdf2xml>\n";

/* A table printed by a spreadsheet: the cells of a column start at 300,
 * the first one two points after the text of the cell before it (closer
 * than a blank is wide); a run printed over the blanks a run before it
 * ends with. */
static const char table_xml[] =
        "<pdf2xml>\n"
        "<page number=\"1\" position=\"absolute\" top=\"0\" left=\"0\" "
        "height=\"841\" width=\"594\">\n"
        "<text top=\"100\" left=\"100\" width=\"198\" height=\"10\" "
        "font=\"0\">左のセルの文字</text>\n"
        "<text top=\"100\" left=\"300\" width=\"20\" height=\"10\" "
        "font=\"0\">事前</text>\n"
        "<text top=\"120\" left=\"300\" width=\"20\" height=\"10\" "
        "font=\"0\">事後</text>\n"
        "<text top=\"140\" left=\"300\" width=\"20\" height=\"10\" "
        "font=\"0\">事後</text>\n"
        "<text top=\"160\" left=\"300\" width=\"20\" height=\"10\" "
        "font=\"0\">事前</text>\n"
        "<text top=\"200\" left=\"100\" width=\"30\" height=\"10\" "
        "font=\"0\">アイ  </text>\n"
        "<text top=\"200\" left=\"121\" width=\"7\" height=\"10\" "
        "font=\"0\">ウ</text>\n"
        "</page>\n"
        "</pdf2xml>\n";

/* Return the text ivalue_text() joins from the n printed lines t[] of one
 * cell on page 1 of box b, and in *doubt its doubt. Caller frees both. */
static char *
join(const struct ibox *b, const char *const *t, size_t n, char **doubt)
{
	struct ivalue_line l[8];
	struct ivalue_ctx cx;

	memset(&cx, 0, sizeof cx);
	cx.layout = true;
	cx.box = b;
	for (size_t i = 0; i < n; i++) {
		l[i].text = t[i];
		l[i].no = (int)i + 1;
		l[i].page = 1;
		l[i].start = 20;
		l[i].end = 20 + (int)strlen(t[i]);
	}
	return ivalue_text(l, n, &cx, false, doubt);
}

int
main(void)
{
	struct ibox b;
	const struct ibox_line *l;
	char *s, *doubt;

	/* How a line ends. */
	is_int(ibox_decide(2, 10, 10, false, false), IBOX_WRAP,
	       "a gap narrower than the next piece: wrapped");
	is_int(ibox_decide(30, 10, 10, false, false), IBOX_BREAK,
	       "a gap the next piece would have fitted in: broken");
	is_int(ibox_decide(30, 10, 10, true, false), IBOX_WRAP_BLANK,
	       "a blank printed at the end: wrapped there");
	is_int(ibox_decide(9.8, 10, 10, false, false), IBOX_UNSURE,
	       "a gap within measuring error of the next piece: unsure");
	is_int(ibox_decide(0, 10, 10, false, true), IBOX_UNSURE,
	       "the widest line of its column alone: unsure");

	/* The lines of the XML. */
	ibox_parse(page_xml, sizeof page_xml - 1, &b);
	ok(ibox_find(&b, 1, "一行目は右端まで続く", &l) == 1 && l != NULL &&
	           l->right > 494.9 && l->right < 495.1,
	   "a line is found by page and text, with its right end");
	ok(l != NULL && l->edge > 496.9 && l->edge < 497.1,
	   "its edge is the farthest end of its column (497)");
	ok(ibox_find(&b, 1, "ラベル", &l) == 1 && l->edge < 200,
	   "a label's edge is short of the value beside it");
	ok(ibox_find(&b, 1, "空白で折り返した", &l) == 1 && l->blank_after,
	   "a blank at a line's end is seen");
	ok(ibox_find(&b, 1, "限る。)及", &l) == 1,
	   "runs half a letter apart are one line");
	ok(ibox_find(&b, 1, "<民>", &l) == 1,
	   "a radical printed for an ideograph reads as the ideograph");
	ok(ibox_find(&b, 2, "一行目は右端まで続く", &l) == 0 && l == NULL,
	   "a line is not found on another page");
	is_int((long long)ibox_find(&b, 2, "同じ行", &l), 2,
	       "a text printed twice on a page is found twice");
	ok(ibox_find_end(&b, 1, ")及") != NULL,
	   "a line is found by the end of its text");
	ok(ibox_find_end(&b, 2, "行") == NULL, "but not when two lines end so");

	/* Blanks as the PDF prints them. */
	ibox_find(&b, 1, "限る。)及", &l);
	s = ibox_blanks(l, "限る。 )及");
	is_str(s, "限る。)及", "a blank pdftotext put in is dropped");
	free(s);
	ibox_find(&b, 1, "空白で折り返した", &l);
	ok(ibox_blanks(l, "空白で折り返す") == NULL,
	   "other letters: the blanks are not touched");

	/* The layout text mended cell by cell, columns kept. */
	{
		static const char text[] = "  限る。 )及      次\n"
		                           "  アイ     次\n"
		                           "\f  限る。 )及  次\n";
		size_t n;

		s = ibox_layout(&b, text, sizeof text - 1, &n);
		is_str(s,
		       "  限る。)及       次\n"
		       "  ア イ    次\n"
		       "\f  限る。 )及  次\n",
		       "a blank put in moves to the cell's end, one left out "
		       "comes back from the run after the cell, a cell of "
		       "another page is left as it is");
		is_int((long long)n, (long long)strlen(s),
		       "the length of the mended text");
		free(s);
	}

	/* The wrap decision of the importer. */
	{
		const char *t[] = {"一行目は右端まで続く", "次の行で終わる。",
		                   "空白で折り返した", "続き"};

		s = join(&b, t, 4, &doubt);
		is_str(s,
		       "一行目は右端まで続く次の行で終わる。\n空白で折り返した 続き",
		       "a full line is joined, a short one broken, a blank at a "
		       "wrap kept");
		ok(doubt == NULL, "and none of it is in doubt");
		free(s);
		free(doubt);
	}
	{
		const char *t[] = {"ぎりぎりの行", "最後"};

		s = join(&b, t, 2, &doubt);
		ok(doubt != NULL,
		   "a line too near the edge to tell is in doubt");
		free(s);
		free(doubt);
	}
	{
		const char *t[] = {"文が右端で終わる。", "次の文"};

		s = join(&b, t, 2, &doubt);
		is_str(s, "文が右端で終わる。次の文",
		       "a full line that ends a sentence is joined");
		ok(doubt != NULL, "but in doubt");
		free(s);
		free(doubt);
	}
	{
		const char *t[] = {"箇条の前の行", "・箇条"};

		s = join(&b, t, 2, &doubt);
		is_str(s, "箇条の前の行\n・箇条",
		       "a full line before an item of a list is broken");
		ok(doubt != NULL, "but in doubt");
		free(s);
		free(doubt);
	}
	ibox_fini(&b);

	/* The cells of a spreadsheet's table. */
	ibox_parse(table_xml, sizeof table_xml - 1, &b);
	ok(ibox_find(&b, 1, "左のセルの文字", &l) == 1 &&
	           ibox_find(&b, 1, "事前", &l) == 2,
	   "a run where the cells of a column start is a line of its own, "
	   "however close to the text before it");
	ok(ibox_find(&b, 1, "アイウ", &l) == 1 &&
	           strcmp(l->text, "アイウ") == 0,
	   "a run printed over the blanks a run ends with continues it, "
	   "without them");
	{
		static const char text[] = "  左のセルの文字 事前\n"
		                           "  アイウ 事後\n";
		size_t n;

		s = ibox_layout(&b, text, sizeof text - 1, &n);
		is_str(s,
		       "  左のセルの文字  事前\n"
		       "  アイウ 事後\n",
		       "two cells one blank apart in the layout text are split "
		       "by two; words that are no two lines of one row are "
		       "left as they are");
		free(s);
	}
	ibox_fini(&b);

	/* A text printed many times on one row, and a cell of the layout
	 * text that is those and one more word: no line of it, found in
	 * bounded time (every order of the lines is not tried). */
	{
		struct sbuf xml, text;
		size_t n;

		sbuf_init(&xml);
		sbuf_init(&text);
		sbuf_adds(&xml, "<pdf2xml>\n<page number=\"1\">\n");
		for (int i = 0; i < 40; i++) {
			sbuf_addf(&xml,
			          "<text top=\"100\" left=\"%d\" width=\"7\" "
			          "height=\"10\" font=\"0\">ア</text>\n",
			          40 + 13 * i);
			sbuf_adds(&text, i == 0 ? "ア" : " ア");
		}
		sbuf_adds(&xml, "</page>\n</pdf2xml>\n");
		sbuf_adds(&text, " イ\n");
		ibox_parse(xml.buf, xml.len, &b);
		s = ibox_layout(&b, text.buf, text.len, &n);
		is_str(s, text.buf,
		       "forty lines of one text on a row and a word more: the "
		       "cell is left as it is, in bounded time");
		free(s);
		ibox_fini(&b);
		sbuf_fini(&xml);
		sbuf_fini(&text);
	}

	/* Bad input: no crash, nothing read from what is not a text run. */
	{
		static const char *bad[] = {
		        "",
		        "<page",
		        "<page><text top=\"1\" left=\"2\" width=\"3\" "
		        "height=\"4\">x",
		        "<page><text top=\"nan\" left=\"2\" width=\"3\" "
		        "height=\"4\">x</text>",
		        "<page><text top=\"1e400\" left=\"2\" width=\"3\" "
		        "height=\"4\">x</text>",
		        "<page><text top=\"1\" left=\"2\" width=\"-3\" "
		        "height=\"4\">x</text>",
		        "<text top=\"1\" left=\"2\" width=\"3\" "
		        "height=\"4\">before any page</text>",
		        "<page><text top=\"1\" left=\"2\" width=\"3\" "
		        "height=\"0\">x</text>",
		};

		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
			ibox_parse(bad[i], strlen(bad[i]), &b);
			is_int((long long)b.n, 0, "bad XML: no line read");
			ibox_fini(&b);
		}
	}
	return done_testing();
}
