from mkelf import *
write('basic64.o',[Sec('.text',1,A|X,data=b'\x90'*16,align=16),Sec('.data',1,A|W,data=b'x'*8,align=8),Sec('.bss',8,A|W,size=64,align=32),Sec('.comment',1,0x30,data=b'GCC\0',entsize=1)])
write('basic32.o',[Sec('.text',1,A|X,data=b'\x90'*16,align=16),Sec('.data',1,A|W,data=b'x'*8,align=8),Sec('.bss',8,A|W,size=64,align=32)],cls=32,machine=3)
