#include "util/open_file_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace placard {

std::size_t make_room_for_open_files(std::size_t needed)
{
    struct rlimit limit {};

    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return needed;  // the limit is unknown: let the opens themselves say
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) {
        return needed;
    }

    // Only as far as needed: a soft limit set on purpose is not thrown away.
    const rlim_t wanted = std::min<rlim_t>(needed, limit.rlim_max);
    struct rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {
        return limit.rlim_cur;
    }
    return wanted;
}

}  // namespace placard
