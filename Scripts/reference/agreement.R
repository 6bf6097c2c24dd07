# Reference values for Assay's agreement between a first auditor's grade and a moderator's
# blind grade (moderation), computed with R's psych package.
#
# Writes Tests/AssayStatisticsTests/Fixtures/agreement-expected.json, which the Swift tests
# in Tests/AssayStatisticsTests read: each sample's pairs of grades (the inputs) and what R
# computes from them (the expected outputs). Run from anywhere:
#
#     Rscript Scripts/reference/agreement.R
#
# Needs the psych package (Debian: apt-get install r-base-core r-cran-psych). Every number
# is printed with sprintf("%.17g"), enough digits to round-trip a binary64 value exactly.
# The method, the choices and the tolerances are in docs/statistics.md, "Agreement:
# moderation".
#
# Grades are Ofsted's, 1 outstanding ... 4 inadequate. Each sample is a list of pairs
# (first auditor's grade, moderator's blind grade). What is computed:
#
#   exact_agreement       share of pairs with the same grade.
#   moved_better/worse    share of pairs whose moderated grade is lower (better) / higher
#                         (worse) than the first auditor's.
#   kappa, kappa_var,     psych::cohen.kappa(pairs, levels = 1:4): Cohen's kappa, psych's
#   kappa_ci_*            var.kappa (Fleiss, Cohen & Everitt 1969) and its confid row for
#                         the unweighted kappa (normal interval, clipped to [-1, 1]).
#   weighted_kappa        psych's weighted.kappa with its default weights, which for 4
#                         levels are the quadratic agreement weights 1 - (i - j)^2 / 9.
#   weighted_kappa_var,   the large-sample variance of Fleiss, Cohen & Everitt (1969), eq.
#   weighted_kappa_ci_*   (14), written out below from the paper (psych's own var.weighted
#                         mixes the row and column margins, and its interval collapses to
#                         the point: it is recorded as psych_weighted_var and psych_weighted_ci_*
#                         for the record, not compared), normal interval clipped to [-1, 1].
#
# All four grades are always the levels (levels = 1:4), whatever grades a sample uses.
# Where chance agreement is 1 (both auditors gave every case one and the same grade) kappa
# is 0/0: psych returns NaN, written null, and Assay reports the reason instead.

suppressPackageStartupMessages(library(psych))

script_path <- function() {
  flag <- "--file="
  arg <- grep(flag, commandArgs(trailingOnly = FALSE), value = TRUE, fixed = TRUE)
  if (length(arg) != 1) stop("run this with Rscript Scripts/reference/agreement.R")
  normalizePath(sub(flag, "", arg, fixed = TRUE))
}
root <- dirname(dirname(dirname(script_path())))
out <- file.path(root, "Tests", "AssayStatisticsTests", "Fixtures", "agreement-expected.json")

level <- 0.95
alpha <- 1 - level
grades <- 1:4

num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
int <- function(x) sprintf("%d", as.integer(x))
str <- function(x) if (is.null(x)) "null" else paste0('"', gsub('"', '\\\\"', x), '"')
obj <- function(fields) paste0("{", paste0(str(names(fields)), ": ", unlist(fields), collapse = ", "), "}")
arr <- function(rows, indent = "    ") {
  if (length(rows) == 0) return("[]")
  paste0("[\n", indent, paste(rows, collapse = paste0(",\n", indent)), "\n", substr(indent, 3, 100), "]")
}

# ---- Samples -------------------------------------------------------------------------
# pairs(first, moderator, count): `count` copies of the pair (first, moderator).
pairs <- function(...) {
  spec <- list(...)
  first <- unlist(lapply(spec, function(p) rep(p[1], p[3])))
  moderator <- unlist(lapply(spec, function(p) rep(p[2], p[3])))
  data.frame(first = first, moderator = moderator)
}

samples <- list(
  list(name = "worked-example",
       note = "The worked example of docs/statistics.md: 6 moderated audits, one moved better and one worse.",
       data = data.frame(first = c(2, 3, 3, 4, 2, 3), moderator = c(2, 3, 4, 4, 1, 3))),
  list(name = "typical-month",
       note = "A typical month's moderation, 30 pairs: mostly good and requires improvement, the moderator a little harsher, one grade two apart.",
       data = pairs(c(1, 1, 1), c(1, 2, 1), c(2, 1, 1), c(2, 2, 9), c(2, 3, 3), c(3, 2, 1),
                    c(3, 3, 8), c(3, 4, 2), c(4, 3, 1), c(4, 4, 2), c(2, 4, 1))),
  list(name = "small",
       note = "A small moderation sample, 5 pairs: intervals wide enough to be clipped at -1 or 1.",
       data = data.frame(first = c(2, 3, 2, 4, 3), moderator = c(2, 3, 3, 4, 3))),
  list(name = "perfect-agreement",
       note = "Every grade used, the moderator always agreeing: kappa 1 with variance 0.",
       data = pairs(c(1, 1, 2), c(2, 2, 5), c(3, 3, 4), c(4, 4, 1))),
  list(name = "one-grade-only",
       note = "Both auditors graded every case good: chance agreement is 1, kappa is 0/0 and undefined.",
       data = pairs(c(2, 2, 8))),
  list(name = "chance-level",
       note = "Cells exactly the product of the margins (independent grades): observed agreement equals chance, kappa and weighted kappa 0.",
       data = pairs(c(2, 2, 2), c(2, 3, 2), c(3, 2, 4), c(3, 3, 4), c(4, 2, 2), c(4, 3, 2))),
  list(name = "single-grades-apart",
       note = "The first auditor graded every case good, the moderator every case requires improvement: no agreement, chance agreement 0, kappa 0 with variance 0.",
       data = pairs(c(2, 3, 7))),
  list(name = "gap-in-grades",
       note = "Only outstanding, good and inadequate used: with the categories present as levels the weights would treat good and inadequate as adjacent; with levels 1:4 they are two apart.",
       data = pairs(c(1, 1, 2), c(1, 2, 1), c(2, 2, 4), c(2, 4, 2), c(4, 4, 3), c(4, 2, 1)))
)

# ---- Fleiss, Cohen & Everitt (1969), large-sample variance of weighted kappa ----------
# p: table of proportions (rows first auditor, columns moderator); w: agreement weights.
fce_weighted_var <- function(p, w, n) {
  r <- rowSums(p)                       # p_i.
  c <- colSums(p)                       # p_.j
  po <- sum(w * p)
  pe <- sum(w * outer(r, c))
  wi <- as.vector(w %*% c)              # wbar_i. = sum_j p_.j w_ij
  wj <- as.vector(t(w) %*% r)           # wbar_.j = sum_i p_i. w_ij
  a <- w * (1 - pe) - outer(wi, wj, "+") * (1 - po)
  (sum(p * a^2) - (po * pe - 2 * pe + po)^2) / (n * (1 - pe)^4)
}

clip <- function(x) pmin(pmax(x, -1), 1)

sample_json <- function(s) {
  d <- s$data
  n <- nrow(d)
  stopifnot(n != 2)  # cohen.kappa would read a 2 x 2 data frame as a table
  ck <- suppressMessages(suppressWarnings(cohen.kappa(d, alpha = alpha, levels = grades)))
  # The same through the 4 x 4 table, which psych always reads as a table.
  tab <- table(factor(d$first, levels = grades), factor(d$moderator, levels = grades))
  ck_table <- suppressMessages(suppressWarnings(cohen.kappa(unclass(tab), alpha = alpha)))
  stopifnot(identical(ck$kappa, ck_table$kappa), identical(ck$weighted.kappa, ck_table$weighted.kappa))
  w <- ck$weight
  stopifnot(isTRUE(all.equal(unname(w), 1 - outer(grades, grades, "-")^2 / 9, tolerance = 0)))
  p <- unclass(tab) / n
  z <- qnorm(alpha / 2, lower.tail = FALSE)

  kappa <- ck$kappa
  defined <- !is.na(kappa)
  reason <- if (defined) NULL else "one-grade-only"
  if (defined) {
    kappa_ci <- ck$confid[1, c(1, 3)]
    wkappa <- ck$weighted.kappa
    wvar <- fce_weighted_var(p, w, n)
    if (wvar < 0) wvar <- 0
    wci <- clip(wkappa + c(-1, 1) * z * sqrt(wvar))
    # Unweighted, the same formula with identity weights is psych's var.kappa.
    stopifnot(isTRUE(all.equal(max(fce_weighted_var(p, diag(4), n), 0), ck$var.kappa, tolerance = 1e-12)))
  } else {
    kappa_ci <- c(NA, NA); wkappa <- NA; wvar <- NA; wci <- c(NA, NA)
  }
  psych_wci <- ck$confid[2, c(1, 3)]

  pair_rows <- vapply(seq_len(n), function(i) sprintf("[%d, %d]", d$first[i], d$moderator[i]), "")
  expected <- obj(list(
    n = int(n),
    exact_agreement = num(mean(d$first == d$moderator)),
    moved_better = num(mean(d$moderator < d$first)),
    moved_worse = num(mean(d$moderator > d$first)),
    undefined_reason = str(reason),
    kappa = num(kappa),
    kappa_var = if (defined) num(ck$var.kappa) else "null",
    kappa_ci_low = num(kappa_ci[1]), kappa_ci_high = num(kappa_ci[2]),
    weighted_kappa = num(wkappa),
    weighted_kappa_var = num(wvar),
    weighted_kappa_ci_low = num(wci[1]), weighted_kappa_ci_high = num(wci[2]),
    psych_weighted_var = if (defined) num(ck$var.weighted) else "null",
    psych_weighted_ci_low = num(psych_wci[1]), psych_weighted_ci_high = num(psych_wci[2])))
  paste0("{\n",
         '      "name": ', str(s$name), ",\n",
         '      "note": ', str(s$note), ",\n",
         '      "pairs": [', paste(pair_rows, collapse = ", "), "],\n",
         '      "expected": ', expected, "\n",
         "    }")
}

json <- paste0(
  "{\n",
  '  "tool": ', str("R"), ",\n",
  '  "version": ', str(R.version.string), ",\n",
  '  "psych_version": ', str(as.character(packageVersion("psych"))), ",\n",
  '  "script": ', str("Scripts/reference/agreement.R"), ",\n",
  '  "call": ', str("cohen.kappa(data.frame(first, moderator), alpha = 0.05, levels = 1:4)"), ",\n",
  '  "level": ', num(level), ",\n",
  '  "samples": ', arr(vapply(samples, sample_json, ""), "    "), "\n",
  "}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
