# Builds the demo project from the committed demo files with the CLI, step by step as a user would:
#   cmake -DCLI=path/to/dnstimeline -DOUT=demo.dnstimeline -P makedemo.cmake
# The demo_project target runs it; tst_startview runs it too and checks what it built.
foreach(var CLI OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "makedemo.cmake needs -D${var}=...")
  endif()
endforeach()
set(DEMO ${CMAKE_CURRENT_LIST_DIR})
set(VIEW "The 2016 story")

function(run)
  execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dnstimeline ${ARGN} failed (${rc})")
  endif()
endfunction()

file(REMOVE ${OUT} ${OUT}-wal ${OUT}-shm)
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
run(import ${OUT} ${DEMO}/dns.log.gz)
run(events ${OUT} import ${DEMO}/events.csv)
run(groups ${OUT} add "Bank resolvers" 217.12.96.15 217.12.97.15 --color "#d62728")
run(groups ${OUT} labels ${DEMO}/labels.hosts)
# The story: the old name until its removal, the gap, the new name after; per day, from before the
# first lookup to a month after the last one of the new name (room for the labels of the key events
# on a 1366 px screen).
run(views ${OUT} save "${VIEW}" --name mail1.trump-email.com --name trump1.contact-client.com --split name
    --bucket day --from 2016-05-01 --to 2016-12-01
    --title "mail1.trump-email.com until its removal, trump1.contact-client.com after (synthetic demo data)")
# Who asked: the bank's resolvers as one group against every other client.
run(views ${OUT} save "Who asked for mail1" --name mail1.trump-email.com --split group --bucket week)
run(views ${OUT} start "${VIEW}")
