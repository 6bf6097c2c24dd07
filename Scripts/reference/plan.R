# Reference values for Assay's sample-size planning (`assay plan`), computed with R.
#
# Writes Tests/AssayStatisticsTests/Fixtures/plan-expected.json, which the Swift tests in
# Tests/AssayStatisticsTests read. Run from anywhere:
#
#     Rscript Scripts/reference/plan.R
#
# Base R only (stats::qnorm, stats::pnorm, stats::power.prop.test): no packages to install
# beyond r-base-core. Every number is printed with sprintf("%.17g"), enough digits to
# round-trip a binary64 value exactly, so the Swift tests compare against R's own doubles.
# The formulas are in docs/statistics.md, "Sample-size planning".

script_path <- function() {
  flag <- "--file="
  arg <- grep(flag, commandArgs(trailingOnly = FALSE), value = TRUE, fixed = TRUE)
  if (length(arg) != 1) stop("run this with Rscript Scripts/reference/plan.R")
  normalizePath(sub(flag, "", arg, fixed = TRUE))
}
root <- dirname(dirname(dirname(script_path())))
out <- file.path(root, "Tests", "AssayStatisticsTests", "Fixtures", "plan-expected.json")

num <- function(x) sprintf("%.17g", x)
str <- function(x) paste0('"', gsub('"', '\\\\"', x), '"')
obj <- function(fields) paste0("{", paste0(str(names(fields)), ": ", unlist(fields), collapse = ", "), "}")
arr <- function(rows) paste0("[\n    ", paste(rows, collapse = ",\n    "), "\n  ]")

# Tolerance for uniroot inside power.prop.test. R's default (.Machine$double.eps^0.25,
# about 1.2e-4 in n) is too loose to check a continuous n to 1e-6, so it is tightened.
uniroot_tol <- 1e-10

# Normal quantiles: every region of AS 241 (central |p - 0.5| <= 0.425; tails with
# r = sqrt(-log(min(p, 1 - p))) <= 5; far tails r > 5) and the boundaries between them.
quantile_ps <- c(1e-300, 1e-20, 1e-10, exp(-25), 1e-5, 0.001, 0.025, 0.05, 0.075, 0.1,
                 0.2, 0.3, 0.5, 0.6, 0.8, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995, 0.999999,
                 1 - 1e-10)
quantiles <- vapply(quantile_ps, function(p) obj(list(p = num(p), z = num(qnorm(p)))), "")

cdf_xs <- c(-37, -10, -5, -1.959963984540054, -1, -0.25, 0, 0.5, 1.6448536269514722, 3, 8)
cdfs <- vapply(cdf_xs, function(x) obj(list(x = num(x), p = num(pnorm(x)))), "")

# Precision: n0 = z^2 p (1 - p) / e^2, finite-population correction, rounded up, <= N.
margin_cases <- list(
  list(expected = 0.2,  margin = 0.05, confidence = 0.95, population = 4000),   # worked example
  list(expected = 0.5,  margin = 0.05, confidence = 0.95, population = NA),
  list(expected = 0.5,  margin = 0.05, confidence = 0.95, population = 3000),
  list(expected = 0.25, margin = 0.1,  confidence = 0.9,  population = NA),
  list(expected = 0.2,  margin = 0.08, confidence = 0.95, population = 150),
  list(expected = 0.1,  margin = 0.03, confidence = 0.99, population = 15000),
  list(expected = 0.05, margin = 0.02, confidence = 0.95, population = 400000),
  list(expected = 0.3,  margin = 0.2,  confidence = 0.8,  population = 12),
  list(expected = 0.5,  margin = 0.01, confidence = 0.99, population = 50),
  list(expected = 0.01, margin = 0.5,  confidence = 0.95, population = 1),
  list(expected = 0.15, margin = 0.04, confidence = 0.95, population = NA),
  list(expected = 0.22, margin = 0.06, confidence = 0.9,  population = 800)
)
margins <- vapply(margin_cases, function(c) {
  z <- qnorm((1 - c$confidence) / 2, lower.tail = FALSE)
  n0 <- z^2 * c$expected * (1 - c$expected) / c$margin^2
  if (is.na(c$population)) {
    n <- ceiling(n0)
  } else {
    n <- min(ceiling(n0 / (1 + (n0 - 1) / c$population)), c$population)
  }
  obj(list(expected = num(c$expected), margin = num(c$margin), confidence = num(c$confidence),
           population = if (is.na(c$population)) "null" else sprintf("%d", as.integer(c$population)),
           z = num(z), n0 = num(n0), n = sprintf("%d", as.integer(n))))
}, "")

# Detection: per-group n of the two-sided two-proportion test without continuity
# correction, both as power.prop.test solves it and in closed form.
detection_cases <- list(
  list(p1 = 0.25, p2 = 0.15, power = 0.8,  alpha = 0.05),   # worked example
  list(p1 = 0.2,  p2 = 0.1,  power = 0.8,  alpha = 0.05),
  list(p1 = 0.5,  p2 = 0.4,  power = 0.8,  alpha = 0.05),
  list(p1 = 0.22, p2 = 0.12, power = 0.9,  alpha = 0.05),
  list(p1 = 0.1,  p2 = 0.05, power = 0.8,  alpha = 0.01),
  list(p1 = 0.3,  p2 = 0.2,  power = 0.8,  alpha = 0.1),
  list(p1 = 0.05, p2 = 0.15, power = 0.8,  alpha = 0.05),
  list(p1 = 0.6,  p2 = 0.9,  power = 0.95, alpha = 0.05),
  list(p1 = 0.25, p2 = 0.2,  power = 0.8,  alpha = 0.05),
  list(p1 = 0.01, p2 = 0.02, power = 0.8,  alpha = 0.05),
  list(p1 = 0.4,  p2 = 0.1,  power = 0.8,  alpha = 0.05),
  list(p1 = 0.24, p2 = 0.2,  power = 0.5,  alpha = 0.2)
)
detections <- vapply(detection_cases, function(c) {
  solved <- power.prop.test(p1 = c$p1, p2 = c$p2, power = c$power, sig.level = c$alpha,
                            tol = uniroot_tol)$n
  q1 <- 1 - c$p1
  q2 <- 1 - c$p2
  z_alpha <- qnorm(c$alpha / 2, lower.tail = FALSE)
  z_power <- qnorm(c$power)
  closed <- (z_alpha * sqrt((c$p1 + c$p2) * (q1 + q2) / 2) +
             z_power * sqrt(c$p1 * q1 + c$p2 * q2))^2 / (c$p1 - c$p2)^2
  obj(list(p1 = num(c$p1), p2 = num(c$p2), power = num(c$power), alpha = num(c$alpha),
           n_power_prop_test = num(solved), n_closed_form = num(closed),
           n = sprintf("%d", as.integer(ceiling(closed)))))
}, "")

json <- paste0(
  "{\n",
  '  "tool": ', str("R"), ",\n",
  '  "version": ', str(R.version.string), ",\n",
  '  "script": ', str("Scripts/reference/plan.R"), ",\n",
  '  "uniroot_tol": ', num(uniroot_tol), ",\n",
  '  "quantiles": ', arr(quantiles), ",\n",
  '  "cdf": ', arr(cdfs), ",\n",
  '  "margin": ', arr(margins), ",\n",
  '  "detection": ', arr(detections), "\n",
  "}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
