# The draw's peer (Scripts/bench): R's sampling::strata, simple random sampling without
# replacement in each stratum, with the allocation Assay's draw used.
#   Rscript strata.R FRAME.csv ALLOCATION.csv      (allocation: team,locality,n)
# Prints {"seconds": …, "selected": …}; seconds time strata() alone (reading the CSV is not counted).
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(sampling))
frame <- read.csv(args[1], stringsAsFactors = FALSE, colClasses = "character")
alloc <- read.csv(args[2], stringsAsFactors = FALSE, colClasses = c("character", "character", "integer"))
set.seed(2026)
t <- system.time({
  frame <- frame[order(frame$team, frame$locality), ]
  keys <- paste(frame$team, frame$locality, sep = "\r")
  sizes <- alloc$n[match(unique(keys), paste(alloc$team, alloc$locality, sep = "\r"))]
  sizes[is.na(sizes)] <- 0
  s <- strata(frame, stratanames = c("team", "locality"), size = sizes, method = "srswor")
})
cat(sprintf('{"seconds": %.4f, "selected": %d}\n', t[["elapsed"]], nrow(s)))
