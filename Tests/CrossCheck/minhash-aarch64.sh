#!/usr/bin/env bash
# Checks the ARMv8 AES path of Sources/CRefrainKernels/minhash.c on an x86 machine: cross-compiles
# minhash_kernels_agree.c with it for aarch64 and runs it under qemu, where it must give the
# portable kernel's values. Not part of .ci/run (it installs a cross libc and qemu).
#
# Usage: Tests/CrossCheck/minhash-aarch64.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
(command -v qemu-aarch64 >/dev/null && [ -d /usr/aarch64-linux-gnu/lib ]) ||
    (apt-get update -qq && apt-get install -y -qq qemu-user libc6-dev-arm64-cross libgcc-12-dev-arm64-cross)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc_dir="$(ls -d /usr/lib/gcc-cross/aarch64-linux-gnu/* | head -1)"
clang --target=aarch64-linux-gnu --sysroot=/usr/aarch64-linux-gnu -fuse-ld=lld -static -O2 \
    -B"$gcc_dir" -L"$gcc_dir" -ISources/CRefrainKernels/include \
    Tests/CrossCheck/minhash_kernels_agree.c Sources/CRefrainKernels/minhash.c -o "$out/agree"
qemu-aarch64 -cpu max "$out/agree"
