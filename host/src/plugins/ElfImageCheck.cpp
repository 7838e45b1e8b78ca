#include "plugins/ElfImageCheck.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <vector>

namespace portico::plugins {
namespace {

/// Every byte range the headers promise (program headers, segments, section headers) must lie
/// inside the file. The section header table sits at the end, so a cut file fails here.
template <typename Ehdr, typename Phdr>
std::string checkImage(std::ifstream& file, std::uint64_t size) {
    Ehdr header{};
    file.seekg(0);
    if (!file.read(reinterpret_cast<char*>(&header), sizeof header)) return "file too short for an ELF header";
    auto beyond = [size](std::uint64_t offset, std::uint64_t length) { return offset > size || length > size - offset; };
    const std::uint64_t program_headers = std::uint64_t{header.e_phnum} * header.e_phentsize;
    if (header.e_phentsize != sizeof(Phdr) || beyond(header.e_phoff, program_headers))
        return "program headers lie beyond the end of the file";
    if (beyond(header.e_shoff, std::uint64_t{header.e_shnum} * header.e_shentsize))
        return "section headers lie beyond the end of the file (still being written?)";
    std::vector<Phdr> segments(header.e_phnum);
    file.seekg(static_cast<std::streamoff>(header.e_phoff));
    if (!file.read(reinterpret_cast<char*>(segments.data()), static_cast<std::streamsize>(program_headers)))
        return "cannot read the program headers";
    for (const Phdr& segment : segments)
        if (segment.p_type != PT_NULL && beyond(segment.p_offset, segment.p_filesz))
            return "a segment lies beyond the end of the file (still being written?)";
    return {};
}

}  // namespace

std::string incompleteElfReason(const std::string& path) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) return "cannot open the file";
    const auto size = static_cast<std::uint64_t>(file.tellg());
    unsigned char ident[EI_NIDENT] = {};
    file.seekg(0);
    if (!file.read(reinterpret_cast<char*>(ident), sizeof ident) || std::memcmp(ident, ELFMAG, SELFMAG) != 0)
        return "not an ELF file";
    const std::string reason = ident[EI_CLASS] == ELFCLASS64 ? checkImage<Elf64_Ehdr, Elf64_Phdr>(file, size)
                                                             : checkImage<Elf32_Ehdr, Elf32_Phdr>(file, size);
    return reason.empty() ? reason : "incomplete library: " + reason;
}

}  // namespace portico::plugins
