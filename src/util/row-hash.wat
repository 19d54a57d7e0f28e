;; The row hash of src/util/hash53.ts, over a record laid out in this module's memory (built by
;; `npm run build`: scripts/build-wasm.mjs compiles this file with wabt's wat2wasm).
;;
;; hash(n, commas, starts, ends, units): the record's n cells are the UTF-16 units
;; [starts[p], ends[p]) of the array at byte `units` (starts and ends: n i32 each, at bytes
;; `starts` and `ends`). The number is `hash53(cells)`'s definition (see src/util/hash53.ts):
;; the units of the cells joined by commas, four a 64-bit word (little-endian, the last word
;; zero-padded), the even words through XXH64's single-lane step (the one XXH64 uses for an
;; input's last words) from seed 0, the odd words through it from seed 1 (two chains of
;; multiplications, which the processor runs side by side); the odd words' result stepped into
;; the even words'; then the number of cells and of units, then a chain of XXH64 rounds over the
;; cells' lengths; XXH64's avalanche; the top 53 bits.
;; `commas`: the text's delimiter is a comma, so a cell starting one unit after the previous
;; one ends is read with it as one span, the comma between them included (the same units).
(module
  (import "env" "memory" (memory 1))

  ;; h = rotl(h ^ rotl(w * P2, 31) * P1, 27) * P1 + P4 (P1..P5: XXH64's primes). Written out again
  ;; in the word loop below: Node 20's V8 does not inline calls between WebAssembly functions.
  (func $step (param $h i64) (param $w i64) (result i64)
    (i64.add
      (i64.mul
        (i64.rotl
          (i64.xor (local.get $h)
            (i64.mul (i64.rotl (i64.mul (local.get $w) (i64.const 0xC2B2AE3D27D4EB4F)) (i64.const 31))
                     (i64.const 0x9E3779B185EBCA87)))
          (i64.const 27))
        (i64.const 0x9E3779B185EBCA87))
      (i64.const 0x85EBCA77C2B2AE63)))

  (func (export "hash") (param $n i32) (param $commas i32) (param $starts i32) (param $ends i32) (param $units i32) (result f64)
    (local $p i32) (local $from i32) (local $to i32) (local $i i32) (local $e i32)
    (local $a i64) (local $b i64) (local $t i64) (local $odd i32) (local $h i64)
    (local $lengths i64) (local $pend i64) (local $pc i32) (local $total i32)
    ;; Two lanes (the words alternate between them): `a` takes the next word; `odd`: the lanes
    ;; are swapped (`a` is the odd words' lane). Their start: XXH64's with seeds 0 and 1 (P5,
    ;; P5 + 1); the lengths' chain's: P1.
    (local.set $a (i64.const 0x27D4EB2F165667C5))
    (local.set $b (i64.const 0x27D4EB2F165667C6))
    (local.set $lengths (i64.const 0x9E3779B185EBCA87))
    (block $done
      (loop $cells
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $from (i32.load (i32.add (local.get $starts) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $to (i32.load (i32.add (local.get $ends) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $lengths (i64.mul
                  (i64.rotl (i64.add (local.get $lengths) (i64.mul (i64.extend_i32_u (i32.sub (local.get $to) (local.get $from))) (i64.const 0xC2B2AE3D27D4EB4F))) (i64.const 31))
                  (i64.const 0x9E3779B185EBCA87)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        ;; The next cells while each starts one unit (a comma) after the last ends.
        (if (local.get $commas)
          (then
            (block $run_end
              (loop $run
                (br_if $run_end (i32.ge_u (local.get $p) (local.get $n)))
                (br_if $run_end (i32.ne
                  (i32.load (i32.add (local.get $starts) (i32.shl (local.get $p) (i32.const 2))))
                  (i32.add (local.get $to) (i32.const 1))))
                (local.set $e (i32.load (i32.add (local.get $ends) (i32.shl (local.get $p) (i32.const 2)))))
                (local.set $lengths (i64.mul
                  (i64.rotl (i64.add (local.get $lengths) (i64.mul (i64.extend_i32_u (i32.sub (i32.sub (local.get $e) (local.get $to)) (i32.const 1))) (i64.const 0xC2B2AE3D27D4EB4F))) (i64.const 31))
                  (i64.const 0x9E3779B185EBCA87)))
                (local.set $to (local.get $e))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $run)))))
        (local.set $total (i32.add (local.get $total) (i32.sub (local.get $to) (local.get $from))))
        ;; The span's units: whole words read at once while no unit waits, else one at a time.
        (local.set $i (local.get $from))
        (block $span_end
          (loop $span
            (br_if $span_end (i32.ge_u (local.get $i) (local.get $to)))
            (if (i32.and (i32.eqz (local.get $pc)) (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $to)))
              (then
                ;; Two words a step, one to each lane.
                (block $pairs_end
                  (loop $pairs
                    (br_if $pairs_end (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $to)))
                    (local.set $a (i64.add
                      (i64.mul
                        (i64.rotl
                          (i64.xor (local.get $a)
                            (i64.mul (i64.rotl (i64.mul (i64.load offset=0 (i32.add (local.get $units) (i32.shl (local.get $i) (i32.const 1)))) (i64.const 0xC2B2AE3D27D4EB4F)) (i64.const 31))
                                     (i64.const 0x9E3779B185EBCA87)))
                          (i64.const 27))
                        (i64.const 0x9E3779B185EBCA87))
                      (i64.const 0x85EBCA77C2B2AE63)))
                    (local.set $b (i64.add
                      (i64.mul
                        (i64.rotl
                          (i64.xor (local.get $b)
                            (i64.mul (i64.rotl (i64.mul (i64.load offset=8 (i32.add (local.get $units) (i32.shl (local.get $i) (i32.const 1)))) (i64.const 0xC2B2AE3D27D4EB4F)) (i64.const 31))
                                     (i64.const 0x9E3779B185EBCA87)))
                          (i64.const 27))
                        (i64.const 0x9E3779B185EBCA87))
                      (i64.const 0x85EBCA77C2B2AE63)))
                    (local.set $i (i32.add (local.get $i) (i32.const 8)))
                    (br $pairs)))
                (if (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $to))
                  (then
                    (local.set $a (call $step (local.get $a) (i64.load offset=0 (i32.add (local.get $units) (i32.shl (local.get $i) (i32.const 1))))))
                    (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
                (local.set $odd (i32.xor (local.get $odd) (i32.const 1)))
                    (local.set $i (i32.add (local.get $i) (i32.const 4)))))
                (br $span)))
            (local.set $pend (i64.or (local.get $pend)
              (i64.shl
                (i64.extend_i32_u (i32.load16_u (i32.add (local.get $units) (i32.shl (local.get $i) (i32.const 1)))))
                (i64.extend_i32_u (i32.shl (local.get $pc) (i32.const 4))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (if (i32.eq (local.get $pc) (i32.const 4))
              (then
                (local.set $a (call $step (local.get $a) (local.get $pend)))
                (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
                (local.set $odd (i32.xor (local.get $odd) (i32.const 1)))
                (local.set $pend (i64.const 0))
                (local.set $pc (i32.const 0))))
            (br $span)))
        ;; The comma after the cell (or span), but after the last.
        (if (i32.lt_u (local.get $p) (local.get $n))
          (then
            (local.set $total (i32.add (local.get $total) (i32.const 1)))
            (local.set $pend (i64.or (local.get $pend)
              (i64.shl (i64.const 44) (i64.extend_i32_u (i32.shl (local.get $pc) (i32.const 4))))))
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (if (i32.eq (local.get $pc) (i32.const 4))
              (then
                (local.set $a (call $step (local.get $a) (local.get $pend)))
                (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
                (local.set $odd (i32.xor (local.get $odd) (i32.const 1)))
                (local.set $pend (i64.const 0))
                (local.set $pc (i32.const 0))))))
        (br $cells)))
    (if (local.get $pc)
      (then
        (local.set $a (call $step (local.get $a) (local.get $pend)))
                (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
                (local.set $odd (i32.xor (local.get $odd) (i32.const 1)))
                (local.set $pend (i64.const 0))
                (local.set $pc (i32.const 0))))
    ;; The even words' lane, then the odd words'.
    (if (local.get $odd)
      (then (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))))
    (local.set $h (call $step (local.get $a) (local.get $b)))
    (local.set $h (call $step (local.get $h)
      (i64.or (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 32)) (i64.extend_i32_u (local.get $total)))))
    (local.set $h (call $step (local.get $h) (local.get $lengths)))
    ;; XXH64's avalanche.
    (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33))))
    (local.set $h (i64.mul (local.get $h) (i64.const 0xC2B2AE3D27D4EB4F)))
    (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
    (local.set $h (i64.mul (local.get $h) (i64.const 0x165667B19E3779F9)))
    (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))))
    (f64.convert_i64_u (i64.shr_u (local.get $h) (i64.const 11)))))
