#include <config.h>
#include "xlsxlib.h"

#if defined(HAVE_XLSXWRITER) && defined(HYOKA_XLSX_SONAME)

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "i18n.h"
#include "xalloc.h"

/* The functions of libxlsxwriter that xport-xlsx.c calls. A new one is
 * added here and below; the link fails until it is. */
#define XLSXLIB_FUNCS(X)                                                       \
	X(format_set_align)                                                    \
	X(format_set_bg_color)                                                 \
	X(format_set_bold)                                                     \
	X(format_set_border)                                                   \
	X(format_set_font_name)                                                \
	X(format_set_font_size)                                                \
	X(format_set_text_wrap)                                                \
	X(lxw_strerror)                                                        \
	X(workbook_add_format)                                                 \
	X(workbook_add_worksheet)                                              \
	X(workbook_close)                                                      \
	X(workbook_new)                                                        \
	X(workbook_set_properties)                                             \
	X(worksheet_center_horizontally)                                       \
	X(worksheet_fit_to_pages)                                              \
	X(worksheet_merge_range)                                               \
	X(worksheet_repeat_rows)                                               \
	X(worksheet_set_column)                                                \
	X(worksheet_set_footer)                                                \
	X(worksheet_set_header)                                                \
	X(worksheet_set_margins)                                               \
	X(worksheet_set_paper)                                                 \
	X(worksheet_set_portrait)                                              \
	X(worksheet_set_row)                                                   \
	X(worksheet_write_blank)                                               \
	X(worksheet_write_string)

#define XLSXLIB_ENUM(name) XLSXLIB_##name,
#define XLSXLIB_NAME(name) #name,

enum xlsxlib_fn { XLSXLIB_FUNCS(XLSXLIB_ENUM) XLSXLIB_NFN };

static const char *const xlsxlib_names[] = {XLSXLIB_FUNCS(XLSXLIB_NAME)};
static void *xlsxlib_ptr[XLSXLIB_NFN];
static void *xlsxlib_handle;

/* Why the library cannot be loaded: what (dlerror or a missing function).
 * Caller frees. */
static char *
xlsxlib_error(const char *what)
{
	return xasprintf(
	        _("cannot load %s for the Excel export (%s): install libxlsxwriter (Debian: libxlsxwriter4), or export with --to csv and open the CSV file in Excel"),
	        HYOKA_XLSX_SONAME, what);
}

/* Load libxlsxwriter and find its functions, once; false with *err (caller
 * frees) when it cannot be loaded. */
bool
xlsxlib_load(char **err)
{
	void *h;

	*err = NULL;
	if (xlsxlib_handle != NULL)
		return true;
	h = dlopen(HYOKA_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		*err = xlsxlib_error(dlerror());
		return false;
	}
	for (size_t i = 0; i < XLSXLIB_NFN; i++) {
		xlsxlib_ptr[i] = dlsym(h, xlsxlib_names[i]);
		if (xlsxlib_ptr[i] == NULL) {
			*err = xlsxlib_error(xlsxlib_names[i]);
			dlclose(h);
			return false;
		}
	}
	xlsxlib_handle = h;
	return true;
}

/* The address of function f of the library, loaded when it is not yet
 * (xport_xlsx loads it first and says why it cannot). No memory. */
static void *
xlsxlib_fn(enum xlsxlib_fn f)
{
	char *err;

	if (xlsxlib_handle == NULL && !xlsxlib_load(&err)) {
		fprintf(stderr, "hyoka: %s\n", err);
		abort();
	}
	return xlsxlib_ptr[f];
}

/* The library's function name, as a pointer of its own type. */
#define XLSXLIB_CALL(name) ((__typeof__(&name))xlsxlib_fn(XLSXLIB_##name))

/* libxlsxwriter's format_set_align. */
void
format_set_align(lxw_format *format, uint8_t alignment)
{
	XLSXLIB_CALL(format_set_align)(format, alignment);
}

/* libxlsxwriter's format_set_bg_color. */
void
format_set_bg_color(lxw_format *format, lxw_color_t color)
{
	XLSXLIB_CALL(format_set_bg_color)(format, color);
}

/* libxlsxwriter's format_set_bold. */
void
format_set_bold(lxw_format *format)
{
	XLSXLIB_CALL(format_set_bold)(format);
}

/* libxlsxwriter's format_set_border. */
void
format_set_border(lxw_format *format, uint8_t style)
{
	XLSXLIB_CALL(format_set_border)(format, style);
}

/* libxlsxwriter's format_set_font_name. */
void
format_set_font_name(lxw_format *format, const char *font_name)
{
	XLSXLIB_CALL(format_set_font_name)(format, font_name);
}

/* libxlsxwriter's format_set_font_size. */
void
format_set_font_size(lxw_format *format, double size)
{
	XLSXLIB_CALL(format_set_font_size)(format, size);
}

/* libxlsxwriter's format_set_text_wrap. */
void
format_set_text_wrap(lxw_format *format)
{
	XLSXLIB_CALL(format_set_text_wrap)(format);
}

/* libxlsxwriter's lxw_strerror. Borrowed. */
char *
lxw_strerror(lxw_error error_num)
{
	return XLSXLIB_CALL(lxw_strerror)(error_num);
}

/* libxlsxwriter's workbook_add_format. The workbook owns it. */
lxw_format *
workbook_add_format(lxw_workbook *workbook)
{
	return XLSXLIB_CALL(workbook_add_format)(workbook);
}

/* libxlsxwriter's workbook_add_worksheet. The workbook owns it. */
lxw_worksheet *
workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname)
{
	return XLSXLIB_CALL(workbook_add_worksheet)(workbook, sheetname);
}

/* libxlsxwriter's workbook_close: writes and frees the workbook. */
lxw_error
workbook_close(lxw_workbook *workbook)
{
	return XLSXLIB_CALL(workbook_close)(workbook);
}

/* libxlsxwriter's workbook_new. workbook_close frees it. */
lxw_workbook *
workbook_new(const char *filename)
{
	return XLSXLIB_CALL(workbook_new)(filename);
}

/* libxlsxwriter's workbook_set_properties. */
lxw_error
workbook_set_properties(lxw_workbook *workbook, lxw_doc_properties *properties)
{
	return XLSXLIB_CALL(workbook_set_properties)(workbook, properties);
}

/* libxlsxwriter's worksheet_center_horizontally. */
void
worksheet_center_horizontally(lxw_worksheet *worksheet)
{
	XLSXLIB_CALL(worksheet_center_horizontally)(worksheet);
}

/* libxlsxwriter's worksheet_fit_to_pages. */
void
worksheet_fit_to_pages(lxw_worksheet *worksheet, uint16_t width,
                       uint16_t height)
{
	XLSXLIB_CALL(worksheet_fit_to_pages)(worksheet, width, height);
}

/* libxlsxwriter's worksheet_merge_range. */
lxw_error
worksheet_merge_range(lxw_worksheet *worksheet, lxw_row_t first_row,
                      lxw_col_t first_col, lxw_row_t last_row,
                      lxw_col_t last_col, const char *string,
                      lxw_format *format)
{
	return XLSXLIB_CALL(worksheet_merge_range)(worksheet, first_row,
	                                           first_col, last_row,
	                                           last_col, string, format);
}

/* libxlsxwriter's worksheet_repeat_rows. */
lxw_error
worksheet_repeat_rows(lxw_worksheet *worksheet, lxw_row_t first_row,
                      lxw_row_t last_row)
{
	return XLSXLIB_CALL(worksheet_repeat_rows)(worksheet, first_row,
	                                           last_row);
}

/* libxlsxwriter's worksheet_set_column. */
lxw_error
worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col,
                     lxw_col_t last_col, double width, lxw_format *format)
{
	return XLSXLIB_CALL(worksheet_set_column)(worksheet, first_col,
	                                          last_col, width, format);
}

/* libxlsxwriter's worksheet_set_footer. */
lxw_error
worksheet_set_footer(lxw_worksheet *worksheet, const char *string)
{
	return XLSXLIB_CALL(worksheet_set_footer)(worksheet, string);
}

/* libxlsxwriter's worksheet_set_header. */
lxw_error
worksheet_set_header(lxw_worksheet *worksheet, const char *string)
{
	return XLSXLIB_CALL(worksheet_set_header)(worksheet, string);
}

/* libxlsxwriter's worksheet_set_margins. */
void
worksheet_set_margins(lxw_worksheet *worksheet, double left, double right,
                      double top, double bottom)
{
	XLSXLIB_CALL(worksheet_set_margins)
	(worksheet, left, right, top, bottom);
}

/* libxlsxwriter's worksheet_set_paper. */
void
worksheet_set_paper(lxw_worksheet *worksheet, uint8_t paper_type)
{
	XLSXLIB_CALL(worksheet_set_paper)(worksheet, paper_type);
}

/* libxlsxwriter's worksheet_set_portrait. */
void
worksheet_set_portrait(lxw_worksheet *worksheet)
{
	XLSXLIB_CALL(worksheet_set_portrait)(worksheet);
}

/* libxlsxwriter's worksheet_set_row. */
lxw_error
worksheet_set_row(lxw_worksheet *worksheet, lxw_row_t row, double height,
                  lxw_format *format)
{
	return XLSXLIB_CALL(worksheet_set_row)(worksheet, row, height, format);
}

/* libxlsxwriter's worksheet_write_blank. */
lxw_error
worksheet_write_blank(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col,
                      lxw_format *format)
{
	return XLSXLIB_CALL(worksheet_write_blank)(worksheet, row, col, format);
}

/* libxlsxwriter's worksheet_write_string. */
lxw_error
worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col,
                       const char *string, lxw_format *format)
{
	return XLSXLIB_CALL(worksheet_write_string)(worksheet, row, col, string,
	                                            format);
}

#else

/* libxlsxwriter is linked (or absent): nothing to load. No memory. */
bool
xlsxlib_load(char **err)
{
	*err = NULL;
	return true;
}

#endif
