from mkelf import *
write('names.o',[Sec('.text',1,A|X,data=b'\x90'*4),Sec(b'.a\x01b\x1fc\x7fd\x80e\xffz',1,0,data=b'x'),Sec('.exactly13chr',1,0,data=b'x'),Sec('.exactly14chrs',1,0,data=b'x'),Sec('',1,0,data=b'y'), Sec('.big',8,A|W,size=0x123456789,align=1),Sec('.off',1,0,offset=0x1234567890,size=0)])
