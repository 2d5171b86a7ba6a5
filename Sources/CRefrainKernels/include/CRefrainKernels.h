// The C kernels of Refrain's hot path, one header per concern.
#ifndef REFRAIN_KERNELS_H
#define REFRAIN_KERNELS_H

#include "byte_scan.h"
#include "memory.h"
#include "minhash.h"
#include "process.h"
#include "shingle.h"
#include "sort.h"
#include "tokenize.h"

#endif
