// Replaced by the real main window.
namespace { [[maybe_unused]] int uiPlaceholder = 0; }
