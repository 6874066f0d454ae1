#include "render/qr_stream_list.hpp"

namespace placard::render {

QrStreamList::QrStreamList(const std::filesystem::path& folder)
    : file_(folder, "the QR streams of a part")
{}

void QrStreamList::add(int width, std::string_view deflated)
{
    entries_.push_back(Entry{page_, width, file_.size(), deflated.size()});
    file_.write(deflated.data(), deflated.size());
}

std::string_view QrStreamList::deflated(std::size_t index)
{
    const Entry& stream = entries_[index];
    file_.read_at(stream.offset, stream.size, read_back_);
    return read_back_;
}

}  // namespace placard::render
