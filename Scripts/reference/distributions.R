# Reference values for Assay's beta and t distributions, computed with R.
#
# Writes Tests/AssayStatisticsTests/Fixtures/distributions-expected.json, which the Swift
# tests in Tests/AssayStatisticsTests read. Run from anywhere:
#
#     Rscript Scripts/reference/distributions.R
#
# Base R only (stats::pbeta, stats::qbeta, stats::qt). Every number is printed with
# sprintf("%.17g"), enough digits to round-trip a binary64 value exactly, so the Swift
# tests compare against R's own doubles. These functions carry the beta intervals of
# docs/statistics.md, "Estimates: the inadequate rate from a stratified sample": the
# shapes below cover what those intervals use (an effective sample size times a rate, not
# a whole number, from about 1e-3 to 1e5) and the corners where an implementation breaks
# (tiny shapes, huge shapes, far tails, x next to 0 or 1).

script_path <- function() {
  flag <- "--file="
  arg <- grep(flag, commandArgs(trailingOnly = FALSE), value = TRUE, fixed = TRUE)
  if (length(arg) != 1) stop("run this with Rscript Scripts/reference/distributions.R")
  normalizePath(sub(flag, "", arg, fixed = TRUE))
}
root <- dirname(dirname(dirname(script_path())))
out <- file.path(root, "Tests", "AssayStatisticsTests", "Fixtures", "distributions-expected.json")

num <- function(x) sprintf("%.17g", x)
str <- function(x) paste0('"', gsub('"', '\\\\"', x), '"')
obj <- function(fields) paste0("{", paste0(str(names(fields)), ": ", unlist(fields), collapse = ", "), "}")
arr <- function(rows) paste0("[\n    ", paste(rows, collapse = ",\n    "), "\n  ]")

# pbeta: (x, a, b). Both tails are recorded, each as R computes it directly.
cdf_cases <- list(
  c(0.5, 1, 1), c(0.3, 2, 3), c(0.3, 2.5, 7.25), c(0.8, 2.5, 7.25),
  c(0.01, 0.5, 0.5), c(0.999, 0.5, 0.5), c(1e-10, 0.5, 3), c(0.2, 1e-3, 1e-3),
  c(0.9, 1e-3, 5), c(1e-100, 1e-3, 5), c(0.999999, 5, 1e-3), c(0.5, 0.02, 0.03),
  c(0.05, 50.5, 950.25), c(0.07, 50.5, 950.25), c(0.03, 50.5, 950.25),
  c(0.12, 3.7, 40.2), c(0.01, 3.7, 40.2), c(0.6, 3.7, 40.2),
  c(0.49, 1e4, 1e4), c(0.5, 1e4, 1e4), c(0.51, 1e4, 1e4), c(0.502, 1e5, 1e5),
  c(0.333, 1e4, 2e4), c(0.32, 1e4, 2e4), c(0.999, 1500, 0.5), c(0.9999, 1500, 0.5),
  c(1e-5, 0.5, 5e5), c(3e-6, 0.5, 5e5), c(0.25, 8, 8), c(0.75, 8.5, 20),
  c(0.1, 12.25, 0.75), c(1e-20, 2, 3), c(1 - 1e-12, 2, 3), c(0.2, 1e-8, 2),
  c(0.02, 2.9, 160.1), c(0.2, 160.1, 2.9)
)
cdfs <- vapply(cdf_cases, function(c) {
  obj(list(x = num(c[1]), a = num(c[2]), b = num(c[3]),
           lower = num(pbeta(c[1], c[2], c[3])),
           upper = num(pbeta(c[1], c[2], c[3], lower.tail = FALSE))))
}, "")

# qbeta: every probability at every pair of shapes, plus upper-tail quantiles.
quantile_shapes <- list(
  c(0.5, 0.5), c(1, 1), c(2, 3), c(0.001, 5), c(5, 0.001), c(0.02, 0.03),
  c(3.7, 40.2), c(40.2, 3.7), c(0.7, 12.3), c(100.5, 900.5), c(1e4, 2e4), c(1e5, 1e5),
  c(0.5, 5e5), c(1500, 0.5), c(1, 25), c(26, 1)
)
quantile_ps <- c(1e-300, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10)
# A quantile a double cannot resolve is left out: below 1e-290 (R answers 0 or a subnormal,
# e.g. qbeta(0.3, 0.001, 5), whose true value is about 1e-523) or within 1e-15 of 1 (R
# answers 1 or 1 - 2^-53 and sometimes warns that the answer "is not accurate"). So is any
# case where R warns. Assay's behaviour there is tested without R: the answer stays in
# [0, 1] and the quantile stays monotone.
resolvable <- function(x) is.finite(x) && x > 1e-290 && 1 - x > 1e-15
quantile_row <- function(p, s, lower_tail) {
  x <- tryCatch(qbeta(p, s[1], s[2], lower.tail = lower_tail), warning = function(w) NA)
  if (!resolvable(x)) return(NULL)
  fields <- if (lower_tail) list(p = num(p)) else list(q = num(p))
  obj(c(fields, list(a = num(s[1]), b = num(s[2]), x = num(x))))
}
quantiles <- unlist(lapply(quantile_shapes, function(s) {
  lapply(quantile_ps, quantile_row, s = s, lower_tail = TRUE)
}))
upper_quantiles <- unlist(lapply(quantile_shapes, function(s) {
  lapply(c(1e-12, 0.025, 0.2), quantile_row, s = s, lower_tail = FALSE)
}))

# qt: degrees of freedom from 1 (Cauchy) to 1e7, whole and not.
t_dfs <- c(1, 2, 3, 4.5, 7, 12, 30, 99, 1000, 1e5, 1e7)
t_ps <- c(1e-12, 1e-6, 0.0005, 0.025, 0.05, 0.1, 0.25, 0.3, 0.45, 0.4999, 0.75, 0.975, 0.999)
t_quantiles <- unlist(lapply(t_dfs, function(df) {
  vapply(t_ps, function(p) obj(list(p = num(p), df = num(df), t = num(qt(p, df)))), "")
}))

json <- paste0(
  "{\n",
  '  "tool": ', str("R"), ",\n",
  '  "version": ', str(R.version.string), ",\n",
  '  "script": ', str("Scripts/reference/distributions.R"), ",\n",
  '  "beta_cdf": ', arr(cdfs), ",\n",
  '  "beta_quantile": ', arr(quantiles), ",\n",
  '  "beta_upper_quantile": ', arr(upper_quantiles), ",\n",
  '  "t_quantile": ', arr(t_quantiles), "\n",
  "}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
