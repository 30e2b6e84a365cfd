/*
 * How hyoka names an item: the one module that says which item is meant,
 * in the two styles the program needs, so that there is one place to
 * change a name. A name never shows an internal path (cover.remarks) and
 * never a `*`.
 *
 * Both styles are the printed reference with the block numbers filled in,
 * then the printed label without its ※ (and the note after it), joined
 * the way the change logs (別添2) of real assessments write them:
 *   I-1-①事務の名称       the label's ① is the reference's last part
 *   I-3 特定個人情報ファイル名   the label's "3." is the reference's 3
 *   I-4 法令上の根拠       the reference is a number the label lacks
 *   II-4-件数             the reference ends with the label
 * A section is named by its reference and title (II-4 特定個人情報
 * ファイルの取扱いの委託, III リスク対策); a repeat seen from the instance
 * g that holds it likewise (I-2 特定個人情報ファイルを取り扱う事務において
 * 使用するシステム); a block, when g is an instance of the repeat n, by its
 * reference (II-4-委託事項2).
 *
 * NAME_PEOPLE, for every message, list and prompt (the findings of
 * `hyoka check`, the problem list F2, the results of Ctrl-F, F1 help, the
 * recovery prompt):
 *   表紙-特記事項          the part stays in front
 *   III-4 再委託先による特定個人情報ファイルの適切な取扱いの担保
 *                         the reference's last part only abbreviates the
 *                         label, so the label takes its place
 *   II-4-委託事項1 委託事項の名称
 * When another item of the form has the same label (リスクに対する措置の
 * 内容, その他の措置の内容), the section's reference and the label are
 * followed by the printed heading over the item (its risk statement), so
 * that the name says which risk, and a list cut at the screen's edge
 * still shows the label:
 *   III-3 リスクに対する措置の内容（リスク1：目的を超えた紐付け、…リスク）
 * In a document with more than one 特定個人情報ファイル the file comes
 * first, as the form's name_prefix of that repeat says (ファイル2
 * II-2-①ファイルの種類); with one file it is left out.
 *
 * NAME_LOG, the 項目 of a 別添2 row in the hyphenated style of the
 * published logs (seeds 002, 003), which resolve.h reads back to the same
 * item:
 *   公表日                 a cover item by its label alone
 *   III-4-再委託先による特定個人情報ファイルの適切な取扱いの担保
 *   II-4-委託事項1         a block's name item by its block
 *   III-3-リスク1-リスクに対する措置の内容
 *                         the risk by its part of the reference
 *   II(2. 資格状況履歴ファイル)-6-保管場所
 *                         with several files, the file's number and name
 *                         after the part
 */
#ifndef HYOKA_NAME_H
#define HYOKA_NAME_H

#include "doc.h"

enum name_style {
	NAME_PEOPLE, /* messages, lists and prompts */
	NAME_LOG,    /* the 項目 of a 別添2 row */
};

/* Name node n of instance g (or block g of repeat n) for people. Caller
 * frees. */
char *name_item(const struct doc_group *g, const struct fdef_node *n);

/* Name node n of instance g (or block g of repeat n) in a style. Caller
 * frees. */
char *name_item_as(const struct doc_group *g, const struct fdef_node *n,
                   enum name_style style);

#endif
