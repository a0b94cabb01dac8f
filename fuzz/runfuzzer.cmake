# CTest's run of one fuzz target: a bounded time on a scratch corpus seeded from the checked-in
# one (which the run never writes to); any crash, leak, sanitizer report or broken invariant
# fails the test and leaves the input in the work directory (crash-*, leak-*, timeout-*).
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus)
execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=25
        -max_len=131072 -print_final_stats=1 -artifact_prefix=${WORK}/
        ${WORK}/corpus ${CORPUS}
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    file(GLOB found ${WORK}/crash-* ${WORK}/leak-* ${WORK}/timeout-* ${WORK}/oom-*)
    message(FATAL_ERROR "${FUZZER} failed (${rc}); reproduce with: ${FUZZER} ${found}")
endif()
