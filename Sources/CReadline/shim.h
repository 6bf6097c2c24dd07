// GNU readline and history, seen from Swift. readline is GPL-3.0-or-later: see README.
//
// readline keeps its settings in C global variables, which Swift 6 will not touch
// directly (shared mutable state); these inline accessors are the only way Assay reads or
// sets them, and all of it happens on the one thread that runs the shell.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

static inline void assay_rl_configure(const char *name, rl_completion_func_t *complete,
                                      const char *quote_chars, const char *filename_quote_chars) {
    rl_readline_name = name;
    rl_attempted_completion_function = complete;
    rl_completer_quote_characters = quote_chars;
    rl_filename_quote_characters = filename_quote_chars;
}

static inline const char *assay_rl_line_buffer(void) { return rl_line_buffer; }

static inline void assay_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }

/// 0 keeps matches in the order given (the user's own cases first); 1 lets readline sort them.
static inline void assay_rl_set_sort_matches(int sort) { rl_sort_completion_matches = sort; }

/// Matches with blanks or quotes in them are quoted by readline as it would quote file names.
static inline void assay_rl_quote_matches(void) {
    rl_filename_completion_desired = 1;
    rl_filename_quoting_desired = 1;
}

/// A function readline calls before each line is read (nil: none): the guided audit puts
/// the text being changed on the line with it (rl_insert_text), to be edited.
static inline void assay_rl_set_startup_hook(rl_hook_func_t *hook) { rl_startup_hook = hook; }
